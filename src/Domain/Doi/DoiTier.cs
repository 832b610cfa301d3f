namespace StateHub.Domain.Doi;

/// <summary>DoI tiers, worst first: the numeric order is the sort order of the fleet summary.</summary>
public enum DoiTier
{
    None = 0,
    Core = 1,
    Standard = 2,
    Full = 3,
}
