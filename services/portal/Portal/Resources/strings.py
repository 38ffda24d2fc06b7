# UI text of the portal, English and Italian side by side; generates Strings.resx and Strings.it.resx.
# Run: python3 services/portal/Portal/Resources/strings.py (a test checks that both files hold every key).
import os
from xml.sax.saxutils import escape

TEXT = {
    "AppName": ("Integration", "Integration"),
    "SkipToContent": ("Skip to content", "Vai al contenuto"),
    "NavSearch": ("Find a client", "Cerca una persona"),
    "NavRegister": ("Register a client", "Registra una persona"),
    "SignOut": ("Sign out", "Esci"),
    "SignedInAs": ("Signed in as {0} ({1})", "Accesso come {0} ({1})"),
    "Language": ("Language", "Lingua"),
    "Role_frontdesk": ("front desk", "accoglienza"),
    "Role_caseworker": ("case worker", "operatore sociale"),
    "Role_partner": ("partner staff", "personale partner"),
    "Role_mediator": ("mediator", "mediatore"),
    "Role_coordinator": ("coordinator", "coordinatore"),
    "Role_admin": ("administrator", "amministratore"),
    "SignInTitle": ("Sign in", "Accedi"),
    "SignInDevelopment": ("Development: pick a demo user. In production staff sign in with the city's identity provider.",
                          "Sviluppo: scegli un utente dimostrativo. In produzione il personale accede con il fornitore di identità del comune."),
    "SignInAs": ("Sign in as {0}", "Accedi come {0}"),
    "SignInWithProvider": ("Sign in with your account", "Accedi con il tuo account"),
    "HomeTitle": ("Welcome, {0}", "Benvenuto, {0}"),
    "HomeIntro": ("What would you like to do?", "Cosa vuoi fare?"),
    "Loading": ("Loading…", "Caricamento…"),
    "Required": ("This field is required.", "Campo obbligatorio."),
    "DateOfBirthInFuture": ("The date of birth cannot be in the future.", "La data di nascita non può essere nel futuro."),
    "DuplicateReasonRequired": ("Say why this is a different person, or open the existing record.",
                                "Indica perché è una persona diversa, oppure apri la scheda esistente."),
    "ErrorUnreachable": ("The system cannot be reached. Check the connection and try again; nothing was saved.",
                         "Il sistema non è raggiungibile. Controlla la connessione e riprova; non è stato salvato nulla."),
    "ErrorForbidden": ("Your role may not do this.", "Il tuo ruolo non consente questa operazione."),
    "ErrorSession": ("Your session has ended. Sign in again.", "La sessione è scaduta. Accedi di nuovo."),
    "ErrorGeneric": ("The system refused this: {0}", "Il sistema ha rifiutato l'operazione: {0}"),
    "ErrorFields": ("Some fields need attention; see the messages next to them.", "Alcuni campi vanno corretti: vedi i messaggi accanto."),
    "SearchTitle": ("Find a client", "Cerca una persona"),
    "SearchName": ("Name", "Nome"),
    "SearchNameHint": ("Any spelling: Mohammed, Muhammad and Mohamed find each other.", "Qualsiasi grafia: Mohammed, Muhammad e Mohamed si trovano a vicenda."),
    "SearchDateOfBirth": ("Date of birth", "Data di nascita"),
    "SearchDocument": ("Document number", "Numero di documento"),
    "SearchButton": ("Search", "Cerca"),
    "SearchNeedsCriteria": ("Enter a name, a date of birth or a document number.", "Inserisci un nome, una data di nascita o un numero di documento."),
    "SearchNoResults": ("Nobody found. Check the spelling, or register the person.", "Nessuno trovato. Controlla la grafia o registra la persona."),
    "SearchResults": ("{0} found", "{0} trovati"),
    "SearchResultsCapped": ("More than {0} found: add a date of birth or a document number.", "Più di {0} trovati: aggiungi una data di nascita o un numero di documento."),
    "ColumnName": ("Name", "Nome"),
    "ColumnDateOfBirth": ("Date of birth", "Data di nascita"),
    "ColumnNationality": ("Nationality", "Cittadinanza"),
    "ColumnOffice": ("Office", "Sportello"),
    "ColumnRegistered": ("Registered", "Registrato"),
    "SortBy": ("Sort by", "Ordina per"),
    "SortRelevance": ("Best match", "Pertinenza"),
    "SortName": ("Name", "Nome"),
    "SortRegistered": ("Most recently registered", "Registrati di recente"),
    "PagePrevious": ("Previous", "Precedente"),
    "PageNext": ("Next", "Successiva"),
    "PageOf": ("Page {0} of {1}", "Pagina {0} di {1}"),
    "Approximate": ("approximate", "approssimativa"),
    "RegisterTitle": ("Register a client", "Registra una persona"),
    "RegisterIntro": ("Possible duplicates are checked while you type; nothing is saved until you register.",
                      "I possibili doppioni vengono cercati mentre scrivi; nulla viene salvato finché non registri."),
    "GivenName": ("Given name", "Nome"),
    "FamilyName": ("Family name", "Cognome"),
    "DateOfBirth": ("Date of birth", "Data di nascita"),
    "DateOfBirthApproximate": ("The date of birth is approximate", "La data di nascita è approssimativa"),
    "Sex": ("Sex", "Sesso"),
    "SexUnknown": ("Not stated", "Non indicato"),
    "SexFemale": ("Female", "Femmina"),
    "SexMale": ("Male", "Maschio"),
    "SexOther": ("Other", "Altro"),
    "Nationality": ("Nationality (ISO code, e.g. NG)", "Cittadinanza (codice ISO, es. NG)"),
    "PreferredLanguage": ("Preferred language (ISO code, e.g. ar)", "Lingua preferita (codice ISO, es. ar)"),
    "InterpreterRequired": ("Needs an interpreter", "Serve un interprete"),
    "Phone": ("Phone", "Telefono"),
    "Email": ("E-mail", "E-mail"),
    "RegisterButton": ("Register", "Registra"),
    "RegisterAnywayButton": ("Register as a new person", "Registra come nuova persona"),
    "Registering": ("Registering…", "Registrazione in corso…"),
    "Registered": ("{0} {1} is registered.", "{0} {1} è registrato/a."),
    "RegisterAnother": ("Register another person", "Registra un'altra persona"),
    "DuplicateChecking": ("Checking for people already registered…", "Ricerca di persone già registrate…"),
    "DuplicateNone": ("No possible duplicates.", "Nessun possibile doppione."),
    "DuplicateFound": ("This person may already be registered", "Questa persona potrebbe essere già registrata"),
    "DuplicateExplain": ("Compare with the person in front of you. If it is the same person, do not register again: open the existing record.",
                         "Confronta con la persona davanti a te. Se è la stessa, non registrarla di nuovo: apri la scheda esistente."),
    "DuplicateTyped": ("You typed", "Hai inserito"),
    "DuplicateCandidate": ("Already registered", "Già registrato"),
    "DuplicateScore": ("Similarity", "Somiglianza"),
    "DuplicateMatchedOn": ("Matches on", "Coincide per"),
    "MatchedOn_name": ("name", "nome"),
    "MatchedOn_date_of_birth": ("date of birth", "data di nascita"),
    "MatchedOn_nationality": ("nationality", "cittadinanza"),
    "DuplicateReason": ("Why is this a different person?", "Perché è una persona diversa?"),
    "DuplicateReasonHint": ("Required to register despite the candidates, e.g. \"different father's name, checked the permit\".",
                            "Necessario per registrare nonostante i candidati, es. \"nome del padre diverso, verificato il permesso\"."),
}

here = os.path.dirname(os.path.abspath(__file__))
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by strings.py: edit the texts there. -->
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""
for index, suffix in ((0, ""), (1, ".it")):
    with open(os.path.join(here, f"Strings{suffix}.resx"), "w", encoding="utf-8") as out:
        out.write(HEADER)
        for key in sorted(TEXT):
            out.write(f'  <data name="{key}" xml:space="preserve"><value>{escape(TEXT[key][index])}</value></data>\n')
        out.write("</root>\n")
