using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace StateHub.TestKit;

/// <summary>
/// One database of the run's server and the in-memory hosts started on it. A fixture holds a lane
/// for its whole life, so fixtures running side by side (NUnit <c>ParallelScope.Fixtures</c>) never
/// empty or read each other's tables; within a lane, hosts are shared as <see cref="TestHosts"/> says.
/// </summary>
public sealed class TestLane
{
    internal TestLane(int number, string connectionString)
    {
        Number = number;
        ConnectionString = connectionString;
    }

    /// <summary>0 for the run's first database; further lanes exist only while fixtures run in parallel.</summary>
    public int Number { get; }

    public string ConnectionString { get; }

    /// <summary>The lane's shared hosts by configuration key (guarded by locking the dictionary).</summary>
    internal Dictionary<string, StateHubApiFactory> Hosts { get; } = new(StringComparer.Ordinal);

    public override string ToString() => $"lane {Number}";
}

/// <summary>
/// The pool of lanes. A fixture takes one in its one-time set-up (<see cref="AcquireAsync"/>) and
/// gives it back in its one-time tear-down (<see cref="Release"/>); a lane is created (a further
/// empty database, migrated by its first host) only when every existing one is taken, so a run
/// without parallel fixtures uses lane 0 alone. Code running for a fixture finds its lane through
/// NUnit's current test (<see cref="Current"/>), which is how <see cref="TestDatabase.ConnectionString"/>
/// and new <see cref="StateHubApiFactory"/> instances land on the fixture's own database.
/// </summary>
public static class TestLanes
{
    private static readonly object Sync = new();
    private static readonly List<TestLane> All = [];
    private static readonly Stack<TestLane> Free = new();
    private static readonly Dictionary<string, TestLane> ByFixture = new(StringComparer.Ordinal);

    /// <summary>
    /// The lane of the fixture whose code is running; lane 0 for code outside a fixture that holds
    /// one (set-up fixtures, non-parallel fixtures, single-lane test projects).
    /// </summary>
    public static TestLane Current
    {
        get
        {
            var fixture = CurrentFixtureId();
            lock (Sync)
            {
                if (fixture is not null && ByFixture.TryGetValue(fixture, out var lane))
                    return lane;
                if (All.Count == 0)
                    throw new InvalidOperationException("The test database has not been started: TestDatabase.EnsureStartedAsync() must run first (the assembly's SetUpFixture).");
                return All[0];
            }
        }
    }

    /// <summary>Every lane created in this run.</summary>
    public static IReadOnlyList<TestLane> Snapshot()
    {
        lock (Sync)
            return [.. All];
    }

    /// <summary>
    /// Gives the running fixture a lane of its own until <see cref="Release"/>: preferably a free
    /// lane that already runs a host with <paramref name="hostSettings"/> (a host start, with its
    /// model building and query compilation, costs more than most fixtures' tests).
    /// </summary>
    public static async Task<TestLane> AcquireAsync(IReadOnlyDictionary<string, string?>? hostSettings = null)
    {
        var fixture = CurrentFixtureId()
            ?? throw new InvalidOperationException("A lane is taken by a test fixture, in its one-time set-up.");
        TestLane? lane;
        lock (Sync)
        {
            if (ByFixture.TryGetValue(fixture, out lane))
                return lane;
            lane = hostSettings is null ? null : Free.FirstOrDefault(free => TestHosts.Runs(free, hostSettings));
            if (lane is not null)
            {
                // Take it out of the stack, keeping the others' order.
                var others = Free.Where(free => free != lane).Reverse().ToList();
                Free.Clear();
                foreach (var other in others)
                    Free.Push(other);
            }
            else
            {
                Free.TryPop(out lane);
            }
        }

        if (lane is null)
        {
            var connectionString = await TestDatabase.CreateLaneDatabaseAsync();
            lock (Sync)
            {
                lane = new TestLane(All.Count, connectionString);
                All.Add(lane);
            }
        }

        lock (Sync)
            ByFixture[fixture] = lane;
        return lane;
    }

    /// <summary>Gives the running fixture's lane back to the pool.</summary>
    public static void Release(TestLane lane)
    {
        ArgumentNullException.ThrowIfNull(lane);
        var fixture = CurrentFixtureId();
        lock (Sync)
        {
            if (fixture is not null)
                ByFixture.Remove(fixture);
            if (!Free.Contains(lane))
                Free.Push(lane);
        }
    }

    internal static void AddFirst(string connectionString)
    {
        lock (Sync)
        {
            if (All.Count > 0)
                return;
            var lane = new TestLane(0, connectionString);
            All.Add(lane);
            Free.Push(lane);
        }
    }

    internal static void Clear()
    {
        lock (Sync)
        {
            All.Clear();
            Free.Clear();
            ByFixture.Clear();
        }
    }

    /// <summary>The id of the test fixture the current code runs for (from a test, its set-up or the fixture's one-time set-up), if any.</summary>
    private static string? CurrentFixtureId()
    {
        ITest? test = TestExecutionContext.CurrentContext?.CurrentTest;
        while (test is not null)
        {
            if (test is TestFixture)
                return test.Id;
            test = test.Parent;
        }

        return null;
    }
}
