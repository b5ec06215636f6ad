namespace AnjuPortal.Web.Tests.MultiNode;

/// <summary>
/// The multi-node test's processes (PostgreSQL, Redis, two web nodes, two workers), started once for the collection.
/// Not run in parallel with other collections: five processes are a lot for a 2-core machine already.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiNodeCollection : ICollectionFixture<MultiNodeCluster>
{
    public const string Name = "MultiNode";
}
