using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace StateHub.WebApi.Dashboard.Pages;

/// <summary>Any other address under /dashboard: a page a person can read, with a 404 status.</summary>
public sealed class NotFoundModel(IMediator mediator, TimeProvider clock) : DashboardPageModel(mediator, clock)
{
    public PageResult OnGet() => NotFoundPage();
}
