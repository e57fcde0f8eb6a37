import LabCLI
import LabToolchain

ChildProcess.stopChildrenOnInterrupt()
LessonCommand.main()
