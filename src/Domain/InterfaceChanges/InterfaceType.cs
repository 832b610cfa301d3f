namespace StateHub.Domain.InterfaceChanges;

public enum InterfaceType
{
    HttpApi,
    McpTool,
    Cli,
    Library,
    Schema,
    Event,
    FileFormat,
}
