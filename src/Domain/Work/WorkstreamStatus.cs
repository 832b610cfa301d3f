namespace StateHub.Domain.Work;

public enum WorkstreamStatus
{
    Active,
    Paused,
    Done,
    Archived,
}
