// Checks and probes see the values that cross between them (ProbeValue, ProbeValues) through
// this module, without importing the runtime protocol themselves.
@_exported import LabRuntime
