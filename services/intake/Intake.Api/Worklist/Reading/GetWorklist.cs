using Integration.Intake.Clients;
using Integration.Intake.Clients.AccessLog;
using Integration.Intake.Clients.Assigning;
using Integration.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integration.Intake.Worklist.Reading;

/// <summary>
/// <c>GET /worklist?office=&amp;kind=&amp;assignedTo=&amp;page=&amp;pageSize=</c>: what is due in the
/// office's cases, oldest due first: plan reviews and actions (a week ahead), plans and permits
/// ending within 30 days, referrals overdue, unfilled mediator requests to come, minors turning 18
/// within 90 days. Front desks and case workers see their own office's; coordinators any office's
/// or all.
/// </summary>
internal static class GettingWorklist
{
    public static RouteHandlerBuilder MapGetWorklist(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/worklist", HandleAsync)
            .WithName("GetWorklist")
            .WithTags("Worklist")
            .RequireAuthorization(IntakeRoles.ReadClients);

    private static async Task<Results<Ok<ListPage<WorkItem>>, ValidationProblem>> HandleAsync(string? office, string? kind, string? assignedTo, int? page, int? pageSize, WorklistQuery worklist,
        IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var request = PageRequest.Parse(page, pageSize, errors);
        var wanted = QueryParameters.Vocabulary<WorkKind>("kind", kind, errors);
        var caseWorker = AssignedTo.Filter(assignedTo, http.User, errors);
        errors.OptionalText("office", office, ClientValidation.MaxTextLength);
        if (!http.User.SeesAllOffices() && office is not null && office != http.User.Office())
        {
            errors.Add("office", "You see the worklist of your own office.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = clock.GetUtcNow();
        var scope = http.User.SeesAllOffices() ? office : http.User.SearchOffice();
        var items = await worklist.ReadAsync(session.TenantId, new WorklistFilter(scope, caseWorker, wanted, DateOnly.FromDateTime(now.UtcDateTime)), request,
            cancellationToken);
        AccessLogging.Record(session, http.User, "GetWorklist", items.Items.Select(item => item.ClientId).Distinct(), now);
        await session.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(items);
    }
}
