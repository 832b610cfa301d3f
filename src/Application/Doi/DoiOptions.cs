namespace StateHub.Application.Doi;

public sealed class DoiOptions
{
    public const string SectionName = "Doi";

    /// <summary>How many repos the fleet summary evaluates at once on a cache miss (disk reads only; no database work runs in parallel).</summary>
    public int SummaryParallelism { get; set; } = 8;
}
