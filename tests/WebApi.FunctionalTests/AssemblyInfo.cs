// In-memory hosts on a real PostgreSQL: excluded from the fast loop (dotnet test --filter "TestCategory!=Slow").
[assembly: Category("Slow")]
