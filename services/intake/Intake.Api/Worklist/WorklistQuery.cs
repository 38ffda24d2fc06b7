using System.Globalization;
using System.Text.Json;
using Integration.Eventing;
using Integration.Intake.Clients.Matching;
using Integration.ServiceDefaults;
using Npgsql;
using NpgsqlTypes;

namespace Integration.Intake.Worklist;

/// <summary>What falls due in a case, as the worklist lists it.</summary>
public enum WorkKind { PlanReviewDue, PlanActionDue, PlanExpiring, PermitExpiring, ReferralOverdue, MediatorUnfilled, AgeingOut }

/// <summary>
/// One due item: what, by when, for whom, and where to act. The ids name what the item is about (a
/// plan, one of its actions, a referral, a booking) when it is about one; <see cref="Details"/> holds
/// what a reader words it with (<c>action</c>, <c>service_name</c> and <c>organisation_name</c>,
/// <c>language</c>), and <see cref="Summary"/> is it in English for API readers.
/// </summary>
public sealed record WorkItem(WorkKind Kind, DateOnly DueOn, Guid ClientId, string DisplayName, string Summary, string Link)
{
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    public Guid? PlanId { get; init; }
    public Guid? ActionId { get; init; }
    public Guid? ReferralId { get; init; }
    public Guid? BookingId { get; init; }
}

public sealed record WorklistFilter(string? Office, string? AssignedTo, WorkKind? Kind, DateOnly Today);

/// <summary>
/// The worklist is read, not stored: one SQL statement gathers every kind of due item from the read
/// models that already hold it (plans, the client index with permits and dates of birth, referral
/// and booking follow-ups), restricted to the office's clients through the client index, and pages
/// the union by due date. Erased clients have no index row, so nothing of theirs appears.
/// </summary>
public sealed class WorklistQuery(TenantDatabases databases, string schema)
{
    /// <summary>Plan reviews and actions show this many days before they fall due.</summary>
    public const int LookAheadDays = 7;
    public const int ExpiryWarningDays = 30;
    public const int AgeingOutDays = 90;

    /// <summary>One tenant's worklist (a store's tenant id): its clients, and its plans and follow-ups of them.</summary>
    public async Task<ListPage<WorkItem>> ReadAsync(string tenant, WorklistFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var dataSource = await databases.ForAsync(tenant);
        await using var command = dataSource.CreateCommand($"""
            with office_clients as (
                select client_id, given_name, family_name, date_of_birth, permit_valid_until
                from {schema}.{ClientIndexProjection.TableName}
                where tenant_id = $12 and ($1::text is null or office = $1) and ($2::text is null or assigned_to = $2)
            ), items as (
                select 'plan_review_due' as kind, p.next_review_on as due_on, c.client_id, c.given_name, c.family_name,
                       p.id as plan_id, null::uuid as action_id, null::uuid as referral_id, null::uuid as booking_id, jsonb_build_object() as details
                from {schema}.mt_doc_plan p join office_clients c on p.tenant_id = $12 and c.client_id = p.client_id
                where p.data->>'status' = 'Agreed' and p.next_review_on <= $3
                union all
                select 'plan_action_due', (a->>'dueOn')::date, c.client_id, c.given_name, c.family_name,
                       p.id, (a->>'actionId')::uuid, null, null, jsonb_build_object('action', a->>'description')
                from {schema}.mt_doc_plan p join office_clients c on p.tenant_id = $12 and c.client_id = p.client_id
                     cross join lateral jsonb_array_elements(p.data->'actions') a
                where p.data->>'status' = 'Agreed' and coalesce((a->>'done')::boolean, false) = false and (a->>'dueOn')::date <= $3
                union all
                select 'plan_expiring', p.ends_on, c.client_id, c.given_name, c.family_name, p.id, null, null, null, jsonb_build_object()
                from {schema}.mt_doc_plan p join office_clients c on p.tenant_id = $12 and c.client_id = p.client_id
                where p.data->>'status' in ('Draft', 'Agreed') and p.ends_on <= $4
                union all
                select 'permit_expiring', c.permit_valid_until, c.client_id, c.given_name, c.family_name, null, null, null, null, jsonb_build_object()
                from office_clients c
                where c.permit_valid_until between $5 and $4
                union all
                select 'referral_overdue', (r.data->>'responseDueAt')::timestamptz::date, c.client_id, c.given_name, c.family_name,
                       null, null, r.id, null,
                       jsonb_build_object('service_name', r.data->>'serviceName', 'organisation_name', r.data->>'organisationName')
                from {schema}.mt_doc_referralfollowup r join office_clients c on r.tenant_id = $12 and c.client_id = r.client_id
                where r.is_overdue and r.data->>'status' = 'sent'
                union all
                select 'mediator_unfilled', b.start::date, c.client_id, c.given_name, c.family_name, null, null, null, b.id, jsonb_build_object('language', b.data->>'language')
                from {schema}.mt_doc_bookingfollowup b join office_clients c on b.tenant_id = $12 and c.client_id = b.client_id
                where b.status = 'unfilled' and b.start > $6
                union all
                select 'ageing_out', (c.date_of_birth + interval '18 years')::date, c.client_id, c.given_name, c.family_name, null, null, null, null, jsonb_build_object()
                from office_clients c
                where c.date_of_birth > $7 and c.date_of_birth <= $8
            )
            select kind, due_on, client_id, given_name, family_name, plan_id, action_id, referral_id, booking_id, details::text, count(*) over () as total
            from items
            where $9::text is null or kind = $9
            order by due_on, kind, client_id
            offset $10 limit $11
            """);
        var today = filter.Today;
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.Office ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.AssignedTo ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = today.AddDays(LookAheadDays) });
        command.Parameters.Add(new NpgsqlParameter { Value = today.AddDays(ExpiryWarningDays) });
        command.Parameters.Add(new NpgsqlParameter { Value = today.AddDays(-ExpiryWarningDays) });
        command.Parameters.Add(new NpgsqlParameter { Value = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) });
        command.Parameters.Add(new NpgsqlParameter { Value = today.AddYears(-18) });
        command.Parameters.Add(new NpgsqlParameter { Value = today.AddDays(AgeingOutDays).AddYears(-18) });
        command.Parameters.Add(new NpgsqlParameter
        {
            Value = filter.Kind is { } kind ? VocabularyNames.Name(kind) : DBNull.Value,
            NpgsqlDbType = NpgsqlDbType.Text,
        });
        command.Parameters.Add(new NpgsqlParameter { Value = page.Skip });
        command.Parameters.Add(new NpgsqlParameter { Value = page.PageSize });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });

        var items = new List<WorkItem>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
            total = reader.GetInt64(10);
        }

        return new ListPage<WorkItem>(items, page.Page, page.PageSize, total);
    }

    private static WorkItem Read(NpgsqlDataReader reader)
    {
        var kind = VocabularyNames.TryParse<WorkKind>(reader.GetString(0), out var parsed) ? parsed : throw new InvalidOperationException("Unknown work kind.");
        var dueOn = reader.GetFieldValue<DateOnly>(1);
        var clientId = reader.GetGuid(2);
        Guid? Id(int column) => reader.IsDBNull(column) ? null : reader.GetGuid(column);
        var details = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(9))!
            .Where(detail => detail.Value is not null).ToDictionary(detail => detail.Key, detail => detail.Value!, StringComparer.Ordinal);
        string Detail(string name) => details.GetValueOrDefault(name, "");
        var day = dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var summary = kind switch
        {
            WorkKind.PlanReviewDue => $"Plan review due on {day}",
            WorkKind.PlanActionDue => $"Plan action due on {day}: {Detail("action")}",
            WorkKind.PlanExpiring => $"Plan ends on {day}",
            WorkKind.PermitExpiring => $"Permit expires on {day}",
            WorkKind.ReferralOverdue => $"Referral to {Detail("service_name")} ({Detail("organisation_name")}) unanswered since {day}",
            WorkKind.MediatorUnfilled => $"No {IsoCodes.LanguageName(Detail("language")) ?? Detail("language")} mediator found yet for {day}",
            _ => $"Turns 18 on {day}",
        };
        return new WorkItem(kind, dueOn, clientId, $"{reader.GetString(3)} {reader.GetString(4)}", summary, $"/clients/{clientId}")
        {
            PlanId = Id(5),
            ActionId = Id(6),
            ReferralId = Id(7),
            BookingId = Id(8),
            Details = details,
        };
    }
}
