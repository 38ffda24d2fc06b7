using Integration.Eventing;
using Integration.ServiceDefaults;
using Marten;

namespace Integration.Referrals.Funding.Registering;

internal sealed record RegisterFundingStreamRequest(string? Code, string? Name, string? Funder, string? Programme, DateOnly? StartsOn, DateOnly? EndsOn);

/// <summary>A funding stream as parsed: its code, name and funder, the programme when there is one, and the days it runs, both included.</summary>
internal sealed record RegisterFundingStream(string Code, string Name, string Funder, string? Programme, DateOnly StartsOn, DateOnly EndsOn);

/// <summary><c>POST /funding-streams</c>: a coordinator records a funding stream, whose code services then name.</summary>
internal static class RegisteringFundingStream
{
    public static Parsed<RegisterFundingStream> Parse(RegisterFundingStreamRequest request)
    {
        var errors = new FieldErrors();
        var code = errors.RequireText("code", request.Code, FundingStreams.MaxCodeLength);
        if (code is not null && !FundingStreamCodes.IsCode(code))
        {
            errors.Add("code", "Letters, digits, '.', '-' and '_', starting with a letter or a digit (AMIF-2024-IT-01).");
        }

        var name = errors.RequireText("name", request.Name, FundingStreams.MaxTextLength);
        var funder = errors.RequireText("funder", request.Funder, FundingStreams.MaxTextLength);
        var programme = errors.OptionalText("programme", request.Programme, FundingStreams.MaxTextLength);
        var startsOn = errors.Reportable("startsOn", errors.Require("startsOn", request.StartsOn, "This field is required (yyyy-mm-dd)."));
        var endsOn = errors.Reportable("endsOn", errors.Require("endsOn", request.EndsOn, "This field is required (yyyy-mm-dd)."));
        if (startsOn > endsOn)
        {
            errors.Add("endsOn", "On or after startsOn.");
        }

        return errors.Any || (code, name, funder, startsOn, endsOn) is not ({ } coded, { } named, { } paidBy, { } starts, { } ends)
            ? errors
            : new RegisterFundingStream(coded, named, paidBy, programme, starts, ends);
    }

    /// <summary>
    /// 409 <c>funding_stream_exists</c> when the code, in any case, is taken: a stream's numbers are reported under its code,
    /// so two streams must not share one. Two registrations of one code at the same moment collide on the stream id; the
    /// loser decides once more (<c>attempts: 2</c>), finds the winner's stream and gets this answer too.
    /// </summary>
    public static async Task<FundingStreamRegistered> DecideAsync(IQuerySession session, Guid id, RegisterFundingStream stream, string by,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await session.Events.FetchStreamStateAsync(id, cancellationToken) is not null)
        {
            throw DomainRuleViolated.Conflict("funding_stream_exists", $"A funding stream with the code {stream.Code} exists already.");
        }

        return new FundingStreamRegistered(id, stream.Code, stream.Name, stream.Funder, stream.Programme, stream.StartsOn, stream.EndsOn, by, now);
    }

    public static RouteHandlerBuilder MapRegisterFundingStream(this RouteGroupBuilder streams) =>
        streams.MapPost("/", HandleAsync)
            .WithName("RegisterFundingStream")
            .RequireAuthorization(ReferralsRoles.Coordination);

    private static Task<CreateResult<FundingStreamView>> HandleAsync(RegisterFundingStreamRequest body, IDocumentSession session, HttpContext http,
        CancellationToken cancellationToken) =>
        FieldErrors.ParsedThenAsync(body, Parse,
            (request, stream) => session.StartAsync<FundingStream, FundingStreamView>(http, "register-funding-stream", request,
                async (current, id) => [await DecideAsync(current, id, stream, http.User.Actor(), http.Now(), cancellationToken)],
                _ => $"/funding-streams/{Uri.EscapeDataString(stream.Code)}",
                _ => new FundingStreamView(stream.Code, stream.Name, stream.Funder, stream.Programme, stream.StartsOn, stream.EndsOn),
                cancellationToken, attempts: 2, streamId: FundingStreamCodes.IdOf(stream.Code)));
}
