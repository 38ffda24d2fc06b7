using Marten;

namespace Integration.Referrals.Referrals.Watching;

/// <summary>
/// A value that moves whenever any of a set of referrals is sent or changes: how many there are and
/// the sum of their stream versions (every change adds one). It says nothing about anyone, so a
/// screen may ask for it as often as it likes.
/// </summary>
internal static class ChangeSignal
{
    public static async Task<string> OfAsync(IQueryable<Referral> referrals, CancellationToken cancellationToken)
    {
        var count = await referrals.LongCountAsync(cancellationToken);
        var versions = count == 0 ? 0 : await referrals.SumAsync(referral => referral.Version, cancellationToken);
        return $"{count}.{versions}";
    }
}
