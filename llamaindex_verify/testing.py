"""A scripted function-calling LLM, so agent wiring can be tested and demonstrated offline.

It stands in for a real model: on the user's message it calls one named tool with ``input=<message>``,
and once the tool has answered it replies with the tool's output verbatim.
"""

from __future__ import annotations

from typing import Any, Sequence

from llama_index.core.base.llms.types import ChatMessage, MessageRole, ToolCallBlock
from llama_index.core.llms.mock import MockFunctionCallingLLM


def one_tool_call_llm(tool_name: str) -> MockFunctionCallingLLM:
    """An LLM for ``FunctionAgent`` that calls ``tool_name`` once, then answers with what the tool returned."""

    def respond(messages: Sequence[ChatMessage], **_: Any) -> ChatMessage:
        tool_results = [m for m in messages if m.role == MessageRole.TOOL]
        if tool_results:
            answer = tool_results[-1].content or "The tool found no passage that states this."
            return ChatMessage(role=MessageRole.ASSISTANT, content=answer)
        question = next((m.content for m in reversed(messages) if m.role == MessageRole.USER), None)
        if not question:
            raise ValueError("one_tool_call_llm needs a user message to pass to the tool; call agent.run(user_msg=...).")
        call = ToolCallBlock(tool_call_id=f"call-{tool_name}", tool_name=tool_name, tool_kwargs={"input": question})
        return ChatMessage(role=MessageRole.ASSISTANT, blocks=[call])

    return MockFunctionCallingLLM(response_generator=respond, is_chat_model=True)
