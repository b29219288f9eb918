namespace Clearance.Storage.Tests;

/// <summary>One PostgreSQL server for every storage test class in the collection.</summary>
public sealed class PostgresFixture : IDisposable
{
    public PostgresServer Server { get; } = new();

    public void Dispose() => Server.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PostgresServers : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
