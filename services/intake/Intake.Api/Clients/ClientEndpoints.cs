using Integration.Intake.Clients.AccessLog;
using Integration.Intake.Clients.Assigning;
using Integration.Intake.Clients.Correcting;
using Integration.Intake.Clients.Merging;
using Integration.Intake.Clients.Transferring;
using Integration.Intake.Clients.Unmerging;
using Integration.Intake.Notes.Adding;
using Integration.Intake.Notes.Reading;
using Integration.Intake.Plans;
using Integration.Intake.Timeline.Reading;
using Integration.Intake.Clients.Changing;
using Integration.Intake.Clients.Closing;
using Integration.Intake.Clients.Consents;
using Integration.Intake.Clients.Consents.Printing;
using Integration.Intake.Clients.Erasing;
using Integration.Intake.Clients.Exporting;
using Integration.Intake.Clients.History;
using Integration.Intake.Clients.Needs.Adding;
using Integration.Intake.Clients.Needs.Reprioritising;
using Integration.Intake.Clients.Needs.Resolving;
using Integration.Intake.Clients.Reopening;
using Integration.Intake.Clients.Reading;
using Integration.Intake.Clients.Registering;
using Integration.Intake.Clients.Searching;

namespace Integration.Intake.Clients;

internal static class ClientEndpoints
{
    public static IEndpointRouteBuilder MapClients(this IEndpointRouteBuilder endpoints)
    {
        var clients = endpoints.MapGroup("/clients").WithTags("Clients");
        clients.MapCheckDuplicates();
        clients.MapRegisterClient();
        clients.MapSearchClients();
        clients.MapGetClient();
        clients.MapGetHistory();
        clients.MapAccessLog();
        clients.MapExportClient();
        clients.MapPrintSubjectAccessReport();
        clients.MapChangeContact();
        clients.MapChangeLanguages();
        clients.MapChangeLegalStatus();
        clients.MapGiveConsent();
        clients.MapWithdrawConsent();
        clients.MapPrintConsent();
        clients.MapAddNeed();
        clients.MapReprioritiseNeed();
        clients.MapResolveNeed();
        clients.MapCloseCase();
        clients.MapReopenCase();
        clients.MapErasure();
        clients.MapCorrectIdentity();
        clients.MapCorrectVulnerabilities();
        clients.MapAssignCaseWorker();
        clients.MapTransferCase();
        clients.MapAddCaseNote();
        clients.MapListCaseNotes();
        clients.MapPlans();
        clients.MapGetTimeline();
        clients.MapMergeClients();
        clients.MapUnmergeClients();
        return endpoints;
    }
}
