// LossLab is the one module that lesson cells and exercise submissions import.
// It brings the numeric core (tensors, autograd, losses) and the plots with it.
@_exported import LossKit
@_exported import LossPlot
