namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// The first <see cref="IProblemDetailsWriter"/>, taking every problem: what the framework writes
/// through <see cref="IProblemDetailsService"/> goes the app's one way (<see cref="ProblemWriter"/>),
/// never to a writer that negotiates the Accept header into an empty body.
/// </summary>
public sealed class ProblemJsonWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context) =>
        new(ProblemWriter.WriteAsync(context.HttpContext, context.ProblemDetails));
}
