namespace Integration.Eventing;

/// <summary>An exception and those it wraps: Marten and Weasel wrap Npgsql's, so a PostgreSQL error is looked for down the chain.</summary>
internal static class ExceptionChain
{
    public static bool Has(Exception exception, Func<Exception, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (matches(current))
            {
                return true;
            }
        }

        return false;
    }
}
