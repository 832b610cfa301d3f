using MediatR;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using StateHub.Application.Common.Security;
using StateHub.WebApi.Infrastructure;

namespace StateHub.WebApi.Security;

/// <summary>
/// §10: a key without the right is refused (403) "before any other check", and MVC reads, binds
/// and checks a request's body before the pipeline's <see cref="AuthorizationBehaviour{TRequest,TResponse}"/>
/// sees the command. Where an action takes its command as the body, the command's type is known
/// before the body is read; this filter asks <see cref="AccessPolicy.RefusalByType"/> about that
/// type (and the repo in a <c>repos/{slug}/…</c> route), so a reader posting a body that would not
/// even bind gets the 403, not a 400 or 422. Everything the type cannot tell (which repo a goal
/// belongs to) is still decided in the pipeline.
/// </summary>
internal sealed class EarlyAccessFilter(ExceptionProblemTranslator translator) : IAuthorizationFilter
{
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.ActionDescriptor is not ControllerActionDescriptor action || BodyRequestType(action) is not { } requestType)
            return;
        if (HttpCurrentCaller.Get(context.HttpContext) is not { } caller)
            return;

        var repoSlug = action.AttributeRouteInfo?.Template?.StartsWith("repos/{slug}", StringComparison.OrdinalIgnoreCase) == true
            ? context.RouteData.Values["slug"] as string
            : null;
        if (AccessPolicy.RefusalByType(caller, requestType, repoSlug) is { } refusal)
            context.Result = new ProblemResult(translator.Translate(refusal, $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}"));
    }

    private static Type? BodyRequestType(ControllerActionDescriptor action) =>
        action.Parameters.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body && typeof(IBaseRequest).IsAssignableFrom(p.ParameterType))?.ParameterType;
}
