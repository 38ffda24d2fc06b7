using System.Globalization;
using Integration.Intake.Clients;
using Integration.Intake.Clients.AccessLog;
using Integration.Intake.Directory;
using Integration.Intake.Printing;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

using static Integration.Intake.Printing.PrintedDocument;

namespace Integration.Intake.Plans.Printing;

/// <summary>
/// <c>GET /clients/{id}/plans/{planId}/agreement?lang=en|it</c>: the plan as a document to print and
/// sign, in English or Italian: the person, the period, the goals, each party's commitments (the
/// person's, the one-stop-shop's, each partner organisation's), the agreement if recorded, and
/// signature lines. Plain HTML with a print stylesheet; every value is HTML-encoded.
/// </summary>
internal static class PrintingAgreement
{
    public static RouteHandlerBuilder MapPrintAgreement(this IEndpointRouteBuilder clients) =>
        clients.MapGet("/{clientId:guid}/plans/{planId:guid}/agreement", HandleAsync)
            .WithName("PrintPlanAgreement")
            .RequireAuthorization(IntakeRoles.CaseWork);

    private static async Task<Results<PrintedPage, ValidationProblem, AccessRefusal>> HandleAsync(Guid clientId, Guid planId, string? lang, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        CheckLanguage(errors, lang);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await PlanWrites.ClientPlanAsync(session, http, clientId, planId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var client = (await session.LoadAsync<Client>(clientId, cancellationToken))!;
        var plan = (await session.LoadAsync<Plan>(planId, cancellationToken))!;
        var organisationIds = plan.Actions.Select(action => action.Responsible.OrganisationId).OfType<Guid>().Distinct().ToArray();
        var organisations = organisationIds.Length == 0 ? new Dictionary<Guid, string>()
            : (await session.LoadManyAsync<KnownOrganisation>(cancellationToken, organisationIds)).ToDictionary(organisation => organisation.Id, organisation => organisation.Name);
        AccessLogging.Record(session, http.User, "PrintPlanAgreement", [clientId], http.Now());
        await session.SaveChangesAsync(cancellationToken);
        return Page(http, Render(client, plan, organisations, AgreementText.For(lang ?? "en")!));
    }

    public static string Render(Client client, Plan plan, IReadOnlyDictionary<Guid, string> organisations, AgreementText text)
    {
        var html = Begin(text.Language, text.Title, client.FullName());
        html.Append(CultureInfo.InvariantCulture, $"""
            <p><strong>{E(text.Person)}:</strong> {E(client.FullName())}, {E(text.Born)} {D(client.DateOfBirth)}{(client.DateOfBirthIsApproximate ? $" ({E(text.Approximate)})" : "")}</p>
            <p><strong>{E(text.Period)}:</strong> {D(plan.StartsOn)} – {D(plan.EndsOn)} · {E(text.Version)} {plan.PlanVersionNumber}</p>
            <h2>{E(text.Goals)}</h2>
            <ol>
            """);
        foreach (var goal in plan.Goals)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><strong>{E(text.Domain(goal.Domain))}</strong>: {E(goal.Description)}");
            if (goal.Indicator is { } indicator)
            {
                html.Append(CultureInfo.InvariantCulture, $"<br>{E(text.Indicator)}: {E(indicator)}");
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n");
        var parties = plan.Actions.GroupBy(action => (action.Responsible.Kind, action.Responsible.OrganisationId))
            .OrderBy(group => group.Key.Kind);
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(text.Commitments)}</h2>\n");
        foreach (var party in parties)
        {
            var name = party.Key.Kind switch
            {
                ResponsibleKind.Client => text.ThePerson,
                ResponsibleKind.Caseworker => text.TheCentre,
                _ => organisations.TryGetValue(party.Key.OrganisationId!.Value, out var organisation) ? organisation : text.APartner,
            };
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(name)}</h3>\n<table><thead><tr><th>{E(text.Action)}</th><th>{E(text.Goal)}</th><th>{E(text.Due)}</th></tr></thead><tbody>\n");
            foreach (var action in party.OrderBy(action => action.DueOn))
            {
                var goalNumber = plan.Goals.ToList().FindIndex(goal => goal.GoalId == action.GoalId) + 1;
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(action.Description)}{(action.Done ? $" ({E(text.Done)} {D(action.DoneOn!.Value)})" : "")}</td><td>{goalNumber}</td><td>{D(action.DueOn)}</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(text.Agreement)}</h2>\n");
        html.Append(plan.Agreement is { } agreement
            ? $"<p>{E(text.AgreedOn)} {D(agreement.AgreedOn)}; {E(text.ExplainedIn)} {E(LanguageName(agreement.Language, text.Language))}.</p>\n"
            : $"<p>{E(text.NotYetAgreed)}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"""
            <p>{E(text.Terms)}</p>
            <div class="signatures">
            <div class="signature">{E(text.SignatureOfPerson)}</div>
            <div class="signature">{E(text.SignatureOfCaseWorker)}</div>
            </div>

            """);
        return End(html);
    }
}

/// <summary>The agreement's wording, in the languages the portal speaks.</summary>
public sealed record AgreementText(
    string Language, string Title, string Person, string Born, string Approximate, string Period, string Version, string Goals, string Indicator,
    string Commitments, string ThePerson, string TheCentre, string APartner, string Action, string Goal, string Due, string Done, string Agreement,
    string AgreedOn, string ExplainedIn, string NotYetAgreed, string Terms, string SignatureOfPerson, string SignatureOfCaseWorker,
    IReadOnlyDictionary<NeedDomain, string> Domains)
{
    public string Domain(NeedDomain domain) => Domains.TryGetValue(domain, out var name) ? name : VocabularyNames.Name(domain);

    public static AgreementText? For(string language) => language switch
    {
        "en" => English,
        "it" => Italian,
        _ => null,
    };

    private static readonly AgreementText English = new("en", "Individual integration plan", "Person", "born", "approximate", "Period", "version",
        "Goals", "How progress is measured", "Commitments", "The person commits to", "The one-stop-shop (case worker) commits to",
        "A partner organisation", "Action", "Goal", "By", "done on", "Agreement", "Agreed on", "explained in", "Not agreed yet: this is a draft.",
        "The plan lasts at most twelve months and is reviewed together as it goes. Either party may ask for a review at any time; changes are agreed and signed again.",
        "Signature of the person", "Signature of the case worker",
        new Dictionary<NeedDomain, string>
        {
            [NeedDomain.Housing] = "Housing", [NeedDomain.Employment] = "Employment", [NeedDomain.Health] = "Health",
            [NeedDomain.MentalHealth] = "Mental health", [NeedDomain.Legal] = "Legal advice", [NeedDomain.Documents] = "Documents and residence",
            [NeedDomain.Education] = "Education", [NeedDomain.Language] = "Language course", [NeedDomain.Qualifications] = "Recognition of qualifications",
            [NeedDomain.FamilyReunification] = "Family reunification", [NeedDomain.Financial] = "Financial and basic needs",
            [NeedDomain.Childcare] = "Childcare", [NeedDomain.Other] = "Other",
        });

    private static readonly AgreementText Italian = new("it", "Piano individuale di integrazione", "Persona", "nata/o il", "data approssimativa",
        "Periodo", "versione", "Obiettivi", "Come si misura il progresso", "Impegni", "La persona si impegna a",
        "Lo sportello (operatore del caso) si impegna a", "Un ente partner", "Azione", "Obiettivo", "Entro il", "svolta il", "Accordo",
        "Concordato il", "spiegato in", "Non ancora concordato: questa è una bozza.",
        "Il piano dura al massimo dodici mesi e viene verificato insieme nel corso del tempo. Ciascuna parte può chiedere una verifica in qualsiasi momento; le modifiche vengono concordate e firmate di nuovo.",
        "Firma della persona", "Firma dell'operatore del caso",
        new Dictionary<NeedDomain, string>
        {
            [NeedDomain.Housing] = "Alloggio", [NeedDomain.Employment] = "Lavoro", [NeedDomain.Health] = "Salute",
            [NeedDomain.MentalHealth] = "Salute mentale", [NeedDomain.Legal] = "Consulenza legale", [NeedDomain.Documents] = "Documenti e soggiorno",
            [NeedDomain.Education] = "Istruzione", [NeedDomain.Language] = "Corso di lingua", [NeedDomain.Qualifications] = "Riconoscimento dei titoli",
            [NeedDomain.FamilyReunification] = "Ricongiungimento familiare", [NeedDomain.Financial] = "Bisogni economici e di base",
            [NeedDomain.Childcare] = "Cura dei figli", [NeedDomain.Other] = "Altro",
        });
}
