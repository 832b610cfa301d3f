// In-memory hosts on a real PostgreSQL: excluded from the fast loop (dotnet test --filter "TestCategory!=Slow").
[assembly: Category("Slow")]

// Fixtures run side by side, each on a database of its own (TestLanes); the tests of one fixture
// run one after another. Fixtures that need the whole machine or process say [NonParallelizable].
// `dotnet test tests/WebApi.FunctionalTests -- NUnit.NumberOfTestWorkers=1` runs them one at a time.
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
