using Microsoft.Extensions.Options;
using StateHub.Application.Common.Abstractions;

namespace StateHub.Infrastructure.FileSystem;

internal sealed class HostIdentity(IOptions<RepoFileSystemOptions> options) : IHostIdentity
{
    public string HostName { get; } = string.IsNullOrWhiteSpace(options.Value.HostName)
        ? System.Net.Dns.GetHostName()
        : options.Value.HostName;
}
