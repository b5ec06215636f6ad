using AnjuPortal.TestSupport;

namespace AnjuPortal.Infrastructure.Tests;

/// <summary>One throwaway PostgreSQL server for every PostgreSQL test of this assembly.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
