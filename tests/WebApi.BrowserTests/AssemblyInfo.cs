// Headless Chromium against an in-memory host: excluded from the fast loop (dotnet test --filter "TestCategory!=Slow").
[assembly: Category("Slow")]
