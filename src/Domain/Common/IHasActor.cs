namespace StateHub.Domain.Common;

/// <summary>A record that names who caused it: the API key's name, <c>admin</c> for the bootstrap key, <c>anonymous</c> without a key.</summary>
public interface IHasActor
{
    string Actor { get; }

    /// <summary>Sets the actor once; persistence stamps it from the request that created the record.</summary>
    void StampActor(string actor);
}
