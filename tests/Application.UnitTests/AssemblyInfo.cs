// A fresh fixture instance per test, so state (mocks, entities) never leaks between tests.
[assembly: FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
