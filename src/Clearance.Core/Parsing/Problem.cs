namespace Clearance.Core.Parsing;

/// <summary>Where in a source text something was found: file name, 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation StartOf(string file) => new(file, 1, 1);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

/// <summary>One thing wrong with an input: where it is, which field, and what is wrong, in words a user can act on.</summary>
public sealed record Problem(SourceLocation Location, string Field, string Message)
{
    public override string ToString() =>
        string.IsNullOrEmpty(Field) ? $"{Location}: {Message}" : $"{Location}: {Field}: {Message}";
}

/// <summary>
/// The outcome of reading an input: a value, or every problem found (never just the first).
/// Expected failures are values; exceptions are kept for bugs and infrastructure faults.
/// </summary>
public sealed class ParseResult<T>
{
    private readonly T? _value;

    private ParseResult(T? value, IReadOnlyList<Problem> problems)
    {
        _value = value;
        Problems = problems;
    }

    public IReadOnlyList<Problem> Problems { get; }

    public bool Succeeded => Problems.Count == 0;

    /// <summary>The value; reading it from a failed result is a bug.</summary>
    public T Value => Succeeded
        ? _value!
        : throw new InvalidOperationException($"The input has {Problems.Count} problem(s); the first: {Problems[0]}");

    public static ParseResult<T> Success(T value) => new(value, []);

    public static ParseResult<T> Failure(IEnumerable<Problem> problems)
    {
        var list = problems.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A failure needs at least one problem.", nameof(problems));
        }

        return new ParseResult<T>(default, list);
    }

    public static ParseResult<T> Failure(Problem problem) => Failure([problem]);

    public ParseResult<TOut> Map<TOut>(Func<T, TOut> map) =>
        Succeeded ? ParseResult<TOut>.Success(map(_value!)) : ParseResult<TOut>.Failure(Problems);
}
