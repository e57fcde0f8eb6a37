import LabCLI
import LabToolchain

ChildProcess.stopChildrenOnInterrupt()
ExerciseCommand.main()
