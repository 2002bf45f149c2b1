// The public face of node/: the `berth agent` command and the agent itself.
export { agentCommand, agentCommands, parseAgentArgs, startAgent, AGENT_USAGE, AGENT_NODE_FLAGS } from './agent-command.js';
export { Agent } from './agent/agent.js';
export type { AgentDeps } from './agent/agent.js';
export { compileAgentOptions } from './agent/options.js';
export type { AgentOptions, CompiledAgentOptions } from './agent/options.js';
