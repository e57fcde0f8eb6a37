import LabCLI

CourseCommand.main()
