namespace Clearance.Server.Hosting;

/// <summary>One page of a list: the items, the 1-based page number, the page size and the total count.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total);

public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 200;

    /// <summary>Checks page and size; returns the errors to report, or none.</summary>
    public static Dictionary<string, string[]> Validate(int? page, int? pageSize)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (page is < 1)
        {
            errors["page"] = ["must be 1 or more"];
        }

        if (pageSize is < 1 or > MaxSize)
        {
            errors["pageSize"] = [$"must be between 1 and {MaxSize}"];
        }

        return errors;
    }

    public static Page<T> Take<T>(IReadOnlyList<T> all, int? page, int? pageSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? DefaultSize;
        return new Page<T>([.. all.Skip((number - 1) * size).Take(size)], number, size, all.Count);
    }
}
