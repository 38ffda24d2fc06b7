namespace Integration.Intake.Vocabulary;

// Intake's own states and outcomes. JSON carries them as snake_case strings; extend only by adding values.

public enum ConsentStatus { Active, Withdrawn, Expired }

public enum NeedStatus { Open, Resolved }

public enum NeedOutcome { Met, PartiallyMet, NotMet, NoLongerNeeded, ReferredElsewhere }

public enum CaseStatus { Open, Closed }

public enum CaseOutcome { GoalsAchieved, Housed, Employed, QualificationRecognised, MovedAway, LostContact, Transferred, Other }
