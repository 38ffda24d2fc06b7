using Integration.Referrals.Caseload;
using Integration.Referrals.Referrals;
using Integration.Referrals.Referrals.Accepting;
using Integration.Referrals.Referrals.Completing;
using Integration.Referrals.Referrals.Declining;
using Integration.Referrals.Referrals.RecordingFirstContact;
using Integration.Referrals.Referrals.RecordingNoShows;
using Integration.Referrals.Referrals.Redirecting;
using Integration.Referrals.Referrals.Waitlisting;
using Integration.Referrals.Referrals.Withdrawing;
using Integration.ServiceDefaults;

namespace Integration.Referrals.Tests;

/// <summary>The pure decisions and calculations, without I/O.</summary>
public sealed class ReferralRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<ReferralStatus> FinalStatuses =>
        [ReferralStatus.Completed, ReferralStatus.Withdrawn, ReferralStatus.Redirected];

    [Theory]
    [InlineData(ReferralStatus.Sent, true)]
    [InlineData(ReferralStatus.Waitlisted, true)]
    [InlineData(ReferralStatus.Accepted, false)]
    [InlineData(ReferralStatus.Declined, false)]
    [InlineData(ReferralStatus.Suspended, false)]
    public void only_a_referral_awaiting_an_answer_can_be_accepted(ReferralStatus status, bool allowed)
    {
        var referral = Referral(status);

        var accept = () => AcceptingReferral.Decide(referral, "p", Now);

        if (allowed)
        {
            Assert.Equal(referral.Id, accept().ReferralId);
        }
        else
        {
            var violation = Assert.Throws<DomainRuleViolated>(accept);
            Assert.Equal("invalid_transition", violation.Code);
            Assert.Equal(409, violation.Status);
            Assert.Equal(VocabularyNames.Name(status), violation.Extensions["status"]);
        }
    }

    /// <summary>The closed loop as docs/domain.md and docs/api.md describe it: which command each status allows.</summary>
    private static readonly Dictionary<string, ReferralStatus[]> Allowed = new()
    {
        ["accept"] = [ReferralStatus.Sent, ReferralStatus.Waitlisted],
        ["decline"] = [ReferralStatus.Sent, ReferralStatus.Waitlisted],
        ["waitlist"] = [ReferralStatus.Sent],
        ["first-contact"] = [ReferralStatus.Accepted],
        ["complete"] = [ReferralStatus.Accepted, ReferralStatus.InContact],
        ["no-show"] = [ReferralStatus.Accepted],
        ["withdraw"] = [ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.Waitlisted, ReferralStatus.InContact, ReferralStatus.Suspended],
        ["redirect"] = [ReferralStatus.Sent, ReferralStatus.Accepted, ReferralStatus.Waitlisted, ReferralStatus.InContact, ReferralStatus.Declined,
            ReferralStatus.NoShow],
    };

    public static TheoryData<string, ReferralStatus> EveryCommandInEveryStatus()
    {
        var data = new TheoryData<string, ReferralStatus>();
        foreach (var command in Allowed.Keys)
        {
            foreach (var status in Enum.GetValues<ReferralStatus>())
            {
                data.Add(command, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCommandInEveryStatus))]
    public void every_command_is_allowed_exactly_in_the_statuses_of_the_closed_loop(string command, ReferralStatus status)
    {
        var referral = Referral(status);
        var successor = new ReferralSent(Guid.NewGuid(), referral.ClientId, referral.NeedId, Guid.NewGuid(), "Other", Guid.NewGuid(), "Other org",
            NeedDomain.Housing, Priority.High, null, "office", Now.AddDays(1), referral.Id, [Guid.NewGuid()], "c", Now);
        Func<object> decide = command switch
        {
            "accept" => () => AcceptingReferral.Decide(referral, "p", Now),
            "decline" => () => DecliningReferral.Decide(referral, DeclineReason.NoCapacity, null, "p", Now),
            "waitlist" => () => WaitlistingReferral.Decide(referral, null, "p", Now),
            "first-contact" => () => RecordingFirstContact.Decide(referral, Now.AddMinutes(-1), "p", Now),
            "complete" => () => CompletingReferral.Decide(referral, ReferralOutcome.ServiceDelivered, null, "p", Now),
            "no-show" => () => RecordingNoShow.Decide(referral, "p", Now),
            "withdraw" => () => WithdrawingReferral.Decide(referral, "moved away", "c", Now),
            _ => () => RedirectingReferral.Decide(referral, successor, null, "c", Now),
        };

        if (Allowed[command].Contains(status))
        {
            Assert.NotNull(decide());
        }
        else
        {
            var violation = Assert.Throws<DomainRuleViolated>(decide);
            Assert.Equal((409, "invalid_transition"), (violation.Status, violation.Code));
            Assert.Equal(VocabularyNames.Name(status), violation.Extensions["status"]);
        }
    }

    [Theory]
    [MemberData(nameof(FinalStatuses))]
    public void a_final_referral_is_never_suspended_or_withdrawn(ReferralStatus status)
    {
        var referral = Referral(status);

        Assert.Null(ReferralLifecycle.Suspend(referral, Guid.NewGuid(), Now));
        Assert.Throws<DomainRuleViolated>(() => WithdrawingReferral.Decide(referral, "r", "c", Now));
    }

    [Fact]
    public void overdue_is_decided_once_and_only_after_the_deadline()
    {
        var referral = Referral(ReferralStatus.Sent) with { ResponseDueAt = Now };

        Assert.Null(ReferralLifecycle.MarkOverdue(referral, Now.AddSeconds(-1)));
        Assert.NotNull(ReferralLifecycle.MarkOverdue(referral, Now));
        Assert.Null(ReferralLifecycle.MarkOverdue(referral with { IsOverdue = true }, Now.AddHours(1)));
    }

    [Fact]
    public void first_contact_cannot_be_in_the_future_or_before_the_referral()
    {
        var referral = Referral(ReferralStatus.Accepted);

        Assert.Throws<DomainRuleViolated>(() => RecordingFirstContact.Decide(referral, Now.AddMinutes(1), "p", Now));
        Assert.Throws<DomainRuleViolated>(() => RecordingFirstContact.Decide(referral, referral.CreatedAt.AddDays(-1), "p", Now));
    }

    [Fact]
    public void the_median_of_response_times_reads_the_histogram()
    {
        Assert.Null(CaseloadReport.MedianHours([]));
        Assert.Equal(1.5, CaseloadReport.MedianHours([(15, 1)]));
        Assert.Equal(2.0, CaseloadReport.MedianHours([(10, 1), (30, 1)]));
        Assert.Equal(1.0, CaseloadReport.MedianHours([(10, 2), (500, 1)]));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(19, 19)]
    [InlineData(20, 20)]
    [InlineData(41, 230)]
    [InlineData(42, 240)]
    [InlineData(65, 1620)]
    [InlineData(66, 1680)]
    [InlineData(119, 14400)]
    public void a_response_time_bucket_starts_where_the_coarser_resolution_begins(int index, int tenthHours)
    {
        Assert.Equal(tenthHours, CaseloadProjection.BucketStart(index));
    }

    [Fact]
    public void a_report_without_dates_reads_the_all_time_counters()
    {
        var periods = CaseloadPeriods.For(null, null);

        Assert.True(periods.AllTime);
        Assert.Null(periods.Months);
        Assert.Empty(periods.Days);
    }

    [Fact]
    public void a_date_range_reads_whole_months_monthly_and_the_partial_months_daily()
    {
        var periods = CaseloadPeriods.For(new DateOnly(2026, 1, 15), new DateOnly(2026, 6, 10));

        Assert.False(periods.AllTime);
        Assert.Equal(new DayRange(new DateOnly(2026, 2, 1), new DateOnly(2026, 5, 1)), periods.Months);
        Assert.Equal([new DayRange(new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 31)), new DayRange(new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 10))],
            periods.Days);
    }

    [Fact]
    public void a_range_of_whole_months_needs_no_daily_counters_and_a_short_range_no_monthly_ones()
    {
        var whole = CaseloadPeriods.For(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 30));
        var fortnight = CaseloadPeriods.For(new DateOnly(2026, 3, 20), new DateOnly(2026, 4, 5));

        Assert.Equal(new DayRange(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 1)), whole.Months);
        Assert.Empty(whole.Days);
        Assert.Null(fortnight.Months);
        Assert.Equal([new DayRange(new DateOnly(2026, 3, 20), new DateOnly(2026, 4, 5))], fortnight.Days);
    }

    [Fact]
    public void open_ended_ranges_reach_the_ends_of_the_calendar()
    {
        var since = CaseloadPeriods.For(new DateOnly(2026, 11, 22), null);
        var until = CaseloadPeriods.For(null, new DateOnly(2026, 11, 22));

        Assert.Equal(new DayRange(new DateOnly(2026, 12, 1), new DateOnly(9999, 12, 1)), since.Months);
        Assert.Equal([new DayRange(new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 30))], since.Days);
        Assert.Equal(new DayRange(DateOnly.MinValue, new DateOnly(2026, 10, 1)), until.Months);
        Assert.Equal([new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 22))], until.Days);
    }

    [Fact]
    public void csv_cells_that_look_like_formulas_are_defused()
    {
        var figures = new CaseloadFigures(1, new Dictionary<string, long> { ["sent"] = 1 }, 0, 0, null, null);
        var view = new CaseloadView(new CaseloadFilter(null, null, null, null), figures, [],
            [new OrganisationFigures(Guid.Empty, "=HYPERLINK(\"x\")", figures)], [], new OverdueList(0, []), Now);

        var csv = CaseloadReport.ToCsv(view);

        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", csv, StringComparison.Ordinal);
    }

    private static Referral Referral(ReferralStatus status) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Beds", Guid.NewGuid(), "Casa", NeedDomain.Housing, Priority.High,
            Note: null, "office", status, "c", Now.AddDays(-1), Now.AddDays(1), IsOverdue: false, RespondedAt: null, DeclineReason: null,
            WaitlistedUntil: null, FirstContactAt: null, Outcome: null, RedirectedFrom: null, RedirectedTo: null, Timeline: [], Version: 1);
}
