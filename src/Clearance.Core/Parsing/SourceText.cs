namespace Clearance.Core.Parsing;

/// <summary>One text to parse, with the name used in messages (normally its path relative to the data directory).</summary>
public sealed record SourceText(string Name, string Text);
