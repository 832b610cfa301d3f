namespace StateHub.Domain.Doi;

public enum CriterionStatus
{
    Pass,
    Fail,
    Skip,
}
