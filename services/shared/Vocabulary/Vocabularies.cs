namespace Integration.Vocabulary;

// The shared vocabularies of docs/api.md, used by every service. JSON carries them as snake_case strings;
// extend only by adding values.

public enum Sex { Female, Male, Other, Unknown }

public enum Proficiency { Native, Fluent, Basic, None }

public enum LegalStatusCategory
{
    EuCitizen, LongTermResident, TemporaryPermit, WorkPermit, FamilyPermit, StudentPermit, AsylumSeeker, Refugee,
    SubsidiaryProtection, HumanitarianProtection, Undocumented, Stateless, Other,
}

public enum Vulnerability
{
    UnaccompaniedMinor, TraffickingVictim, TortureSurvivor, GbvSurvivor, Disability, SeriousIllness, MentalHealth, Pregnant,
    SingleParent, Elderly, Homeless, Other,
}

public enum Priority { Low, Medium, High, Urgent }

public enum NeedDomain
{
    Housing, Employment, Health, MentalHealth, Legal, Documents, Education, Language, Qualifications, FamilyReunification,
    Financial, Childcare, Other,
}

public enum DataCategory { Identity, Contact, Language, LegalStatus, Health, Household, Needs, CaseNotes }

public enum LawfulBasis { Consent, LegalObligation, VitalInterest, PublicTask }

/// <summary>What a consent allows the data to be used for; referrals checks <see cref="Referral"/>.</summary>
public enum ConsentPurpose { Referral, Mediation, CaseManagement, Statistics }

/// <summary>How a need was resolved (intake's <c>POST /clients/{id}/needs/{needId}/resolve</c>).</summary>
public enum NeedOutcome { Met, PartiallyMet, NotMet, NoLongerNeeded, ReferredElsewhere }

/// <summary>How a case was closed (intake's <c>POST /clients/{id}/close</c>).</summary>
public enum CaseOutcome { GoalsAchieved, Housed, Employed, QualificationRecognised, MovedAway, LostContact, Transferred, Other }
