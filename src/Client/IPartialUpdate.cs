namespace StateHub.Client;

/// <summary>
/// The body of a partial update (PATCH). Only the properties that are set are sent, so a
/// property left null means "unchanged"; a property named in <see cref="ClearedProperties"/>
/// is sent as an explicit JSON <c>null</c>, which clears it on the server (a description, a
/// planned date, a source path, ...). The generator marks every PATCH body with this interface.
/// </summary>
public interface IPartialUpdate
{
    /// <summary>C# names of the properties to send as <c>null</c> when they are null.</summary>
    ISet<string> ClearedProperties { get; }
}
