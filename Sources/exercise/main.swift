import LabCLI

ExerciseCommand.main()
