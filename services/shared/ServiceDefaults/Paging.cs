namespace Integration.ServiceDefaults;

/// <summary>Every list pages with <c>?page=&amp;pageSize=</c> (max 200) and answers this shape (docs/api.md).</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    /// <summary>True when more matched than a search ranks: <see cref="Total"/> is then a lower bound. Absent otherwise.</summary>
    public bool? TotalIsCapped { get; init; }
}

public sealed record PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    /// <summary>The last page a list answers: beyond it the rows to skip would not fit a database offset's integer.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>Reads the query values; out-of-range values are field errors, never silently clamped.</summary>
    public static PageRequest Parse(int? page, int? pageSize, FieldErrors errors, string pageSizeField = "pageSize")
    {
        var resolvedPage = page ?? 1;
        var resolvedSize = pageSize ?? DefaultPageSize;
        if (resolvedPage is < 1 or > MaxPage)
        {
            errors.Add("page", $"Pages start at 1 and end at {MaxPage}.");
        }

        if (resolvedSize is < 1 or > MaxPageSize)
        {
            errors.Add(pageSizeField, $"Between 1 and {MaxPageSize}.");
        }

        return new PageRequest(Math.Clamp(resolvedPage, 1, MaxPage), Math.Clamp(resolvedSize, 1, MaxPageSize));
    }
}
