namespace StateHub.Application.Common.Abstractions;

/// <summary>Who this hub host is: the key into a repo's <c>host_paths</c>.</summary>
public interface IHostIdentity
{
    string HostName { get; }
}
