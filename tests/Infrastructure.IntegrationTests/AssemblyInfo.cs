[assembly: FixtureLifeCycle(LifeCycle.InstancePerTestCase)]

// Needs PostgreSQL, git or the file system: excluded from the fast loop (dotnet test --filter "TestCategory!=Slow").
[assembly: Category("Slow")]
