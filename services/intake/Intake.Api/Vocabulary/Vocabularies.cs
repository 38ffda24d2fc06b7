namespace Integration.Intake.Vocabulary;

// Intake's own states (the outcomes staff choose are in the shared vocabulary). JSON carries them as snake_case strings; extend only by adding values.

public enum ConsentStatus { Active, Withdrawn, Expired }

public enum NeedStatus { Open, Resolved }

public enum CaseStatus { Open, Closed }
