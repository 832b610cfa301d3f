namespace StateHub.Domain.Common;

/// <summary>Priorities of goals and tasks: 1 is the most urgent.</summary>
public static class PriorityRange
{
    public const int Min = 1;
    public const int Max = 1000;
}
