namespace StateHub.Application.UnitTests.Common;

internal static class CommandHandlerTestExtensions
{
    /// <summary>Runs a command handler's deferred answer, as the pipeline does after saving.</summary>
    public static async Task<T> Run<T>(this Task<Func<T>> handled) => (await handled)();
}
