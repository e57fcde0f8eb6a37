import LabCLI
import LabToolchain

ChildProcess.stopChildrenOnInterrupt()
CourseCommand.main()
