namespace StateHub.Domain.Work;

public enum GoalStatus
{
    Active,
    Achieved,
    Abandoned,
}
