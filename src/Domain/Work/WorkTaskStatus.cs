namespace StateHub.Domain.Work;

public enum WorkTaskStatus
{
    Todo,
    InProgress,
    Blocked,
    Done,
    Cancelled,
}
