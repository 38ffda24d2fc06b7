using Integration.Intake.Plans.Printing;

namespace Integration.Intake.Clients.Exporting;

/// <summary>The subject access report's wording, in the languages the portal speaks, with the vocabularies said in words.</summary>
public sealed record ReportText(
    string Language, string Title, string Intro, string AboutYou, string Name, string OtherNames, string Born, string Approximate, string Sex,
    string Nationalities, string Languages, string PreferredLanguage, string Interpreter, string Yes, string No, string Phone, string Email,
    string Address, string LegalStatus, string ValidUntil, string Vulnerabilities, string Office, string RegisteredOn, string Consents,
    string Purpose, string SharedWith, string WhatIsShared, string Given, string Expires, string Status, string APartner, string ServicesOf,
    string Needs, string Area, string Description, string Referrals, string Service, string Organisation, string Sent, string Bookings,
    string When, string Changes, string Who, string What, string Staff, string Seen, string Role, string Where, string None, string Rights,
    IReadOnlyDictionary<string, string> Words, IReadOnlyDictionary<string, string> Changed)
{
    /// <summary>The plan agreement's wording in the same language, for the names of the areas of need.</summary>
    public AgreementText Agreement => AgreementText.For(Language)!;

    public static ReportText? For(string language) => language switch
    {
        "en" => English,
        "it" => Italian,
        _ => null,
    };

    /// <summary>A vocabulary value (an enum or its snake_case name) in words; one without words of its own is spelled out.</summary>
    public string Word(object? value)
    {
        var name = value switch
        {
            null => "",
            Enum member => VocabularyNames.NameOfValue(member),
            _ => value.ToString() ?? "",
        };
        return Words.TryGetValue(name, out var word) ? word : name.Replace('_', ' ');
    }

    /// <summary>A change to the record (the history's type, <c>consent_given</c>) in words.</summary>
    public string Change(string type) => Changed.TryGetValue(type, out var words) ? words : type.Replace('_', ' ');

    private static readonly ReportText English = new("en", "Your personal data held by the one-stop-shop",
        "Prepared for {0} on {1}. This is everything the system holds about you. If anything is wrong, ask at the desk: you may have it corrected, restricted or erased, and you may complain to the data protection authority.",
        "About you", "Name", "Other names", "Date of birth", "approximate", "Sex", "Nationality", "Languages", "Preferred language", "Interpreter needed",
        "yes", "no", "Phone", "E-mail", "Address", "Residence status", "valid until", "Particular needs for protection", "Office", "Registered on",
        "Your consents", "For", "Shared with", "What is shared", "Given", "Expires", "Status", "a partner organisation", "{0} services",
        "Your needs", "Area", "Description", "Your referrals", "Service", "Organisation", "Sent", "Your appointments with a mediator", "When",
        "Changes to your record", "Who", "What", "staff", "Who has seen your data", "Role", "Where", "None.",
        "You have the right to a copy of your data (GDPR, article 15). This copy was given to you in person; keep it somewhere safe.",
        new Dictionary<string, string>
        {
            ["female"] = "female", ["male"] = "male", ["other"] = "other", ["unknown"] = "not stated",
            ["native"] = "native", ["fluent"] = "fluent", ["basic"] = "basic", ["none"] = "none",
            ["referral"] = "referrals to partner organisations", ["mediation"] = "intercultural mediation", ["case_management"] = "case management",
            ["statistics"] = "anonymous statistics",
            ["identity"] = "identity", ["contact"] = "contact details", ["language"] = "languages", ["legal_status"] = "residence status",
            ["health"] = "health", ["household"] = "household", ["needs"] = "needs", ["case_notes"] = "case notes",
            ["active"] = "active", ["withdrawn"] = "withdrawn", ["expired"] = "expired", ["open"] = "open", ["resolved"] = "resolved",
            ["sent"] = "sent, waiting for an answer", ["accepted"] = "accepted", ["declined"] = "declined", ["waitlisted"] = "on a waiting list",
            ["in_contact"] = "in contact", ["completed"] = "completed", ["no_show"] = "missed", ["redirected"] = "sent elsewhere",
            ["suspended"] = "paused", ["assigned"] = "a mediator is assigned", ["unfilled"] = "looking for a mediator", ["confirmed"] = "confirmed",
            ["cancelled"] = "cancelled",
            ["frontdesk"] = "front desk", ["caseworker"] = "case worker", ["partner"] = "partner organisation", ["mediator"] = "mediator",
            ["coordinator"] = "coordinator", ["admin"] = "administrator",
            ["intake"] = "your record", ["referrals"] = "referrals", ["mediators"] = "mediator bookings",
        },
        new Dictionary<string, string>
        {
            ["client_registered"] = "You were registered", ["contact_changed"] = "Contact details changed", ["languages_changed"] = "Languages changed",
            ["legal_status_changed"] = "Residence status changed", ["consent_given"] = "You gave a consent", ["consent_withdrawn"] = "You withdrew a consent",
            ["consent_expired"] = "A consent expired", ["need_added"] = "A need was recorded", ["need_reprioritised"] = "A need's priority changed",
            ["need_resolved"] = "A need was resolved", ["case_closed"] = "Your case was closed", ["case_reopened"] = "Your case was reopened",
            ["identity_corrected"] = "Your identity details were corrected", ["vulnerabilities_corrected"] = "Your particular needs were corrected",
            ["case_worker_assigned"] = "A case worker was assigned", ["case_transferred"] = "Your case moved to another office",
            ["household_joined"] = "You joined a household", ["household_left"] = "You left a household",
        });

    private static readonly ReportText Italian = new("it", "I tuoi dati personali conservati dallo sportello",
        "Preparato per {0} il {1}. Questi sono tutti i dati che il sistema conserva su di te. Se qualcosa non è corretto, chiedi allo sportello: puoi farlo correggere, limitare o cancellare, e puoi presentare reclamo al Garante per la protezione dei dati personali.",
        "Su di te", "Nome", "Altri nomi", "Data di nascita", "approssimativa", "Sesso", "Cittadinanza", "Lingue", "Lingua preferita", "Serve un interprete",
        "sì", "no", "Telefono", "E-mail", "Indirizzo", "Titolo di soggiorno", "valido fino al", "Esigenze particolari di protezione", "Sportello",
        "Registrazione",
        "I tuoi consensi", "Per", "Condiviso con", "Cosa si condivide", "Dato il", "Scade il", "Stato", "un ente partner", "servizi di {0}",
        "I tuoi bisogni", "Ambito", "Descrizione", "Le tue segnalazioni", "Servizio", "Ente", "Inviata il", "I tuoi appuntamenti con un mediatore", "Quando",
        "Modifiche alla tua scheda", "Chi", "Cosa", "operatore", "Chi ha visto i tuoi dati", "Ruolo", "Dove", "Nessuno.",
        "Hai diritto a una copia dei tuoi dati (GDPR, articolo 15). Questa copia ti è stata consegnata di persona; conservala con cura.",
        new Dictionary<string, string>
        {
            ["female"] = "femmina", ["male"] = "maschio", ["other"] = "altro", ["unknown"] = "non indicato",
            ["native"] = "madrelingua", ["fluent"] = "fluente", ["basic"] = "di base", ["none"] = "nessuna",
            ["referral"] = "segnalazioni agli enti partner", ["mediation"] = "mediazione interculturale", ["case_management"] = "gestione del caso",
            ["statistics"] = "statistiche anonime",
            ["identity"] = "identità", ["contact"] = "recapiti", ["language"] = "lingue", ["legal_status"] = "titolo di soggiorno",
            ["health"] = "salute", ["household"] = "nucleo familiare", ["needs"] = "bisogni", ["case_notes"] = "note sul caso",
            ["active"] = "attivo", ["withdrawn"] = "revocato", ["expired"] = "scaduto", ["open"] = "aperto", ["resolved"] = "risolto",
            ["sent"] = "inviata, in attesa di risposta", ["accepted"] = "accettata", ["declined"] = "rifiutata", ["waitlisted"] = "in lista d'attesa",
            ["in_contact"] = "in contatto", ["completed"] = "conclusa", ["no_show"] = "mancata presenza", ["redirected"] = "inviata altrove",
            ["suspended"] = "sospesa", ["assigned"] = "mediatore assegnato", ["unfilled"] = "si cerca un mediatore", ["confirmed"] = "confermato",
            ["cancelled"] = "annullato",
            ["frontdesk"] = "accoglienza", ["caseworker"] = "operatore del caso", ["partner"] = "ente partner", ["mediator"] = "mediatore",
            ["coordinator"] = "coordinamento", ["admin"] = "amministratore",
            ["intake"] = "la tua scheda", ["referrals"] = "segnalazioni", ["mediators"] = "appuntamenti con i mediatori",
        },
        new Dictionary<string, string>
        {
            ["client_registered"] = "Sei stato registrato/a", ["contact_changed"] = "Recapiti modificati", ["languages_changed"] = "Lingue modificate",
            ["legal_status_changed"] = "Titolo di soggiorno modificato", ["consent_given"] = "Hai dato un consenso", ["consent_withdrawn"] = "Hai revocato un consenso",
            ["consent_expired"] = "Un consenso è scaduto", ["need_added"] = "È stato registrato un bisogno", ["need_reprioritised"] = "È cambiata la priorità di un bisogno",
            ["need_resolved"] = "Un bisogno è stato risolto", ["case_closed"] = "Il tuo caso è stato chiuso", ["case_reopened"] = "Il tuo caso è stato riaperto",
            ["identity_corrected"] = "I tuoi dati anagrafici sono stati corretti", ["vulnerabilities_corrected"] = "Le tue esigenze particolari sono state corrette",
            ["case_worker_assigned"] = "È stato assegnato un operatore", ["case_transferred"] = "Il tuo caso è passato a un altro sportello",
            ["household_joined"] = "Sei entrato/a in un nucleo familiare", ["household_left"] = "Sei uscito/a da un nucleo familiare",
        });
}
