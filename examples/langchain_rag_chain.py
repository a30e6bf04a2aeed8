"""An LCEL RAG chain (retriever | format | prompt | fake LLM) with dense vs verified retrieval, offline.

Run: python examples/langchain_rag_chain.py
The fake LLM answers by quoting the first passage it is given, so the printed answers show what a
real model would be grounded on: with dense retrieval that is often a near-miss twin.
"""

from __future__ import annotations

from langchain_core.documents import Document
from langchain_core.messages import AIMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompt_values import PromptValue
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda, RunnablePassthrough
from langchain_demo import demo_store, dense_results, load_questions, show, verified_results

from langchain_verify import VerifyingRetriever

PROMPT = ChatPromptTemplate.from_messages(
    [("system", "Answer only from the context.\nContext:\n{context}"), ("human", "{question}")]
)
NO_CONTEXT = "(no passage states this)"


def format_documents(documents: list[Document]) -> str:
    return "\n".join(f"[{document.id}] {document.page_content}" for document in documents) or NO_CONTEXT


def quoting_fake_llm(prompt: PromptValue) -> AIMessage:
    """Stands in for a chat model offline: answers with the first context line, as a grounded model would cite it."""
    context = prompt.to_messages()[0].content.split("Context:\n", 1)[1]
    first = context.splitlines()[0]
    return AIMessage(content="I cannot answer from the documents." if first == NO_CONTEXT else f"Per {first}")


def rag_chain(retriever: BaseRetriever) -> Runnable[str, str]:
    context = retriever | format_documents
    return (
        {"context": context, "question": RunnablePassthrough()}
        | PROMPT
        | RunnableLambda(quoting_fake_llm)
        | StrOutputParser()
    )


def main() -> None:
    store = demo_store()
    dense = store.as_retriever(search_kwargs={"k": 3})
    verified = VerifyingRetriever.from_vectorstore(store, fetch_k=10, k=3)
    for question in load_questions():
        print(f"\nQ: {question}")
        show("dense (cosine relevance)", dense_results(store, question))
        show("verified (probability)", verified_results(verified.invoke(question)))
        print(f"  answer from dense chain:    {rag_chain(dense).invoke(question)[:100]}")
        print(f"  answer from verified chain: {rag_chain(verified).invoke(question)[:100]}")


if __name__ == "__main__":
    main()
