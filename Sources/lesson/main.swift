import LabCLI

LessonCommand.main()
