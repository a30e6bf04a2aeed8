"""Our map model: a small Transformer over the query tokens, each described by how it aligns.

The similarity map is read at its real size (Lq x Lp), never padded to a square: for each query token
we take its best passage match and describe that alignment — how strong it is, how clear of the second
best, whether neighbouring query tokens land on neighbouring passage tokens in the same order (a role
swap or re-bound attribute breaks this), whether the passage words right around the match are matched
by anything in the query (an inserted "not" or "except" is not) — and we attach what those words are
(their contextual embeddings), because "not" and "also" are both unmatched but mean very different
things. A two-layer Transformer over these per-token descriptions, pooled from a CLS token that also
sees whole-pair statistics, gives a *structure* logit: is anything in the alignment a conflict (a
swapped role, a negation, a re-bound value)? The score multiplies it with a *relevance* term, a
monotone function of MaxSim. ``substitution_features`` also hands each query token the difference and
product of its embedding and its match's ("unless" aligned to "if" is close in cosine but far along the
edit); ``order_features`` hands it how many clearly aligned tokens before it land after its match and
vice versa (a swap of two parties, however far apart, and not fooled by a heading word echoing the
verb); ``identity_features`` tells it whether its match is the same word piece and whether that word
occurs in the passage at all (a substituted "six" for "three"; with ``number_values`` "three" and "3" are
the same piece); ``role_features`` tells it whether its match plays its grammatical role (agent, patient,
object of "from" or "to") and whether its clause partner is matched to its match's partner (a swap of
who does what to whom, which embeddings barely see); ``list_features`` tells it whether it and its match
both sit in an order-free list ("A, B and C", "sublet or assign") and recounts the order inversions
without those between two items of one list, so "B, A and C" (the same) is no longer the same signal as
"B pays A" (not the same); ``passage_layers`` adds cross-attention layers over every passage token
(``passage_window``: over those near a query token's match only, a fraction of the cost on long passages),
so a phrase that moved as a whole can be told from two words that traded places inside one;
``conflict_floor`` bounds what a conflict can cost when scoring, so that the structure part's dislike
of unfamiliar but relevant passages does not reshuffle their ranking. Two more options, off by default
(see BENCHMARKS.md for what they trade): ``pooled_relevance`` adds the pooled cosine of the two texts to
MaxSim (the two rank better together than either alone), and ``restatement_gate`` lets a conflict count
only as far as the passage *restates* the query (consecutive query tokens landing on consecutive
passage tokens). ``pair_dropout`` hides the whole-pair statistics from that share of training pairs, so
a conflict that one token shows is not outvoted by how well everything else matches. Cost grows with
Lq x Lp for the map and with Lq for everything else, so 50 passages of 230 tokens take a few
milliseconds on a CPU.
"""

from __future__ import annotations

from typing import NamedTuple

import torch
from torch import nn

from ..roles import LIST_COLUMN, OTHER_NOUN
from ..similarity import NEG_INF
from .align import Alignment, align, shift
from .base import MapModel

TOKEN_FEATURES = 12
ORDER_FEATURES = 2
IDENTITY_FEATURES = 2
ROLE_FEATURES = 4
LIST_FEATURES = 3
PAIR_FEATURES = 6
PASSAGE_FEATURES = 5


class Description(NamedTuple):
    """The parameter-free half of one pair batch for one set of feature options: the alignment, each query
    token's features (B, Lq, F) and the whole-pair statistics (B, PAIR_FEATURES), MaxSim first."""

    alignment: Alignment
    features: torch.Tensor
    pair: torch.Tensor


def _inversions(best, best_at, mutual, query_mask, exempt=None) -> tuple[torch.Tensor, torch.Tensor]:
    """Per query token, the share of anchor tokens before it whose match lies after its match, and of
    anchors after it whose match lies before. Anchors are clear alignments (cosine > 0.5, mutual best), so
    a repeated "the" or a heading word that echoes the verb ("Payment terms." for "pays") does not count,
    and a swap of two parties is seen however far apart they are, not only between neighbours. ``exempt``
    (B, i, j) marks pairs whose inversion does not count (two items of one list)."""
    anchor = (best > 0.5) & (mutual > 0.5) & query_mask
    q_len = best.shape[1]
    index = torch.arange(q_len, device=best.device)
    earlier = (index[None, :] < index[:, None])[None] & anchor[:, None, :]  # (B, i, j): anchor j before i
    later = (index[None, :] > index[:, None])[None] & anchor[:, None, :]
    match_after = best_at[:, None, :] > best_at[:, :, None]  # (B, i, j): j's match lies after i's
    match_before = best_at[:, None, :] < best_at[:, :, None]
    if exempt is not None:
        match_after, match_before = match_after & ~exempt, match_before & ~exempt
    before = (earlier & match_after).float().sum(-1) / earlier.float().sum(-1).clamp(min=1)
    after = (later & match_before).float().sum(-1) / later.float().sum(-1).clamp(min=1)
    return before, after


def _identity(ids, best_at) -> tuple[torch.Tensor, torch.Tensor]:
    """Per query token, whether its best match is the same word piece, and whether that word piece occurs
    anywhere in the passage. Contextual embeddings put "three" and "six" (or "all" and "some") in the same
    slot close together; the word pieces say plainly that one was substituted for the other."""
    if ids is None:
        raise ValueError("this map model reads word-piece ids: pass ids=(query tags, passage tags).")
    query_ids, passage_ids = ids[0][..., 0], ids[1][..., 0]
    same = (query_ids == passage_ids.gather(1, best_at)).float()
    present = (query_ids[:, :, None] == passage_ids[:, None, :]).any(-1).float()
    return same, present


def _roles(ids, best_at) -> tuple[torch.Tensor, ...]:
    """Per query token: has it a grammatical role, does its match have the same one, has it a clause
    partner, and does that partner's match sit on its match's partner. Columns as in ``shared.roles``
    after the word-piece id: role, word, partner word, partner's first piece."""
    if ids is None or ids[0].shape[-1] < LIST_COLUMN:  # the four role columns sit before the list column
        raise ValueError("this map model reads grammatical roles: pass token tags made with roles=True.")
    query, passage = ids
    query_role = query[..., 1]
    has_role = (query_role > 0) & (query_role != OTHER_NOUN)
    same_role = has_role & (query_role == passage[..., 1].gather(1, best_at))
    partner_piece = query[..., 4]
    has_partner = partner_piece >= 0
    partner_match = best_at.gather(1, partner_piece.clamp(min=0))
    match_partner = passage[..., 3].gather(1, best_at)
    same_partner = has_partner & (match_partner >= 0) & (passage[..., 2].gather(1, partner_match) == match_partner)
    return has_role.float(), same_role.float(), has_partner.float(), same_partner.float()


def _list_pairs(ids, best_at) -> tuple[torch.Tensor, torch.Tensor]:
    """Per query token, whether it and its match both belong to an order-free list; and per pair of query
    tokens (B, i, j), whether they are items of one query list matched into one passage list."""
    if ids is None or ids[0].shape[-1] <= LIST_COLUMN:
        raise ValueError("this map model reads order-free lists: pass token tags made with roles=True by this rag-verify.")
    query_list = ids[0][..., LIST_COLUMN]
    match_list = ids[1][..., LIST_COLUMN].gather(1, best_at)
    in_list = (query_list >= 0) & (match_list >= 0)
    same = (query_list[:, :, None] == query_list[:, None, :]) & (match_list[:, :, None] == match_list[:, None, :])
    return in_list, same & in_list[:, :, None] & in_list[:, None, :]


class AlignmentTransformer(MapModel):
    name = "alignment"

    def __init__(
        self,
        embed_dim: int = 384,
        width: int = 64,
        layers: int = 2,
        heads: int = 4,
        feedforward: int = 128,
        context: int = 2,
        max_query_tokens: int = 256,
        dropout: float = 0.1,
        relevance_prior: bool = True,
        pooled_relevance: bool = False,
        restatement_gate: tuple[float, float] | None = None,
        substitution_features: bool = False,
        conflict_floor: float | None = None,
        order_features: bool = False,
        identity_features: bool = False,
        role_features: bool = False,
        pair_dropout: float = 0.0,
        number_values: bool = False,
        list_features: bool = False,
        passage_layers: int = 0,
        max_passage_tokens: int = 512,
        passage_window: int | None = None,
    ) -> None:
        if not 0.0 <= pair_dropout < 1.0:
            raise ValueError(f"pair_dropout must be in [0, 1), got {pair_dropout}")
        if passage_window is not None and (not passage_layers or passage_window < 0):
            raise ValueError(
                f"passage_window={passage_window} limits what passage_layers attend over: set passage_layers >= 1 and a "
                "window >= 0 (passage tokens this close to a query token's match)."
            )
        if number_values and not identity_features:
            raise ValueError("number_values only changes what identity_features compare: set identity_features=True too.")
        super().__init__(
            relevance_prior=relevance_prior,
            pooled_relevance=pooled_relevance,
            restatement_gate=list(restatement_gate) if restatement_gate is not None else None,
            substitution_features=substitution_features,
            conflict_floor=conflict_floor,
            order_features=order_features,
            identity_features=identity_features,
            role_features=role_features,
            pair_dropout=pair_dropout,
            number_values=number_values,
            list_features=list_features,
            passage_layers=passage_layers,
            max_passage_tokens=max_passage_tokens,
            passage_window=passage_window,
            embed_dim=embed_dim,
            width=width,
            layers=layers,
            heads=heads,
            feedforward=feedforward,
            context=context,
            max_query_tokens=max_query_tokens,
            dropout=dropout,
        )
        self.context = context
        self.max_query_tokens = max_query_tokens
        self.token_proj = nn.Linear(embed_dim, width)
        # Each neighbour is squeezed to a quarter width first: the passage side is gathered per query
        # token and per offset, so this is where a full-width projection would dominate the cost.
        self.neighbour_squeeze = nn.Linear(embed_dim, width // 4)
        self.neighbour_proj = nn.Linear((2 * context + 1) * (width // 4), width)
        self.order_features = order_features
        self.identity_features = identity_features
        self.role_features = role_features
        self.list_features = list_features
        self.uses_roles = role_features or list_features
        self.uses_token_ids = identity_features or self.uses_roles
        self.uses_number_values = number_values
        extra = (
            (ORDER_FEATURES if order_features else 0)
            + (IDENTITY_FEATURES if identity_features else 0)
            + (ROLE_FEATURES if role_features else 0)
            + (LIST_FEATURES if list_features else 0)
        )
        self.feature_proj = nn.Linear(TOKEN_FEATURES + 2 * context + extra, width)
        self.pair_proj = nn.Linear(PAIR_FEATURES, width)
        # Whole-pair statistics are strong but blunt: once the passage goes on for another clause, how well the
        # query matches as a whole outvotes the one token that changed ("three months" against "six months").
        # Hiding them from that share of training pairs makes the per-token evidence (the match is another word
        # piece, "three" is nowhere in the passage) decide on its own as well.
        self.pair_dropout = pair_dropout
        # What replaced each query token, not only how similar it is: "unless" aligned to "if", "after" to
        # "before" or "3" to "5" score like near-synonyms, but the difference of the two embeddings points
        # along the edit. Opt-in, so checkpoints trained without it load unchanged.
        self.substitution_proj = nn.Linear(2 * embed_dim, width) if substitution_features else None
        self.position = nn.Embedding(max_query_tokens, width)
        self.cls = nn.Parameter(torch.zeros(1, 1, width))
        layer = nn.TransformerEncoderLayer(
            width, heads, feedforward, dropout, batch_first=True, norm_first=True, activation="gelu"
        )
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        # Everything above sees the passage only through each query token's best match and its two
        # neighbours on each side, so it cannot tell a phrase that moved as a whole (a paraphrase) from two
        # words that traded places inside one (PAWS's non-paraphrases). ``passage_layers`` adds layers that
        # also attend over every passage token, each described by how the query covers it and placed by
        # slot embeddings that a query token shares with the passage token it matched. Opt-in, so
        # checkpoints trained without it load unchanged.
        self.passage_layers = None
        if passage_layers:
            self.max_passage_tokens = max_passage_tokens
            self.passage_proj = nn.Linear(embed_dim, width)
            self.passage_feature_proj = nn.Linear(PASSAGE_FEATURES + (1 if self.uses_token_ids else 0), width)
            # Small slots: at the default N(0, 1) two of them would outweigh everything else a memory token carries.
            self.slot = nn.Embedding(max_passage_tokens, width)
            nn.init.normal_(self.slot.weight, std=0.02)
            cross = nn.TransformerDecoderLayer(
                width, heads, feedforward, dropout, batch_first=True, norm_first=True, activation="gelu"
            )
            self.passage_layers = nn.TransformerDecoder(cross, passage_layers)
        # The cross-attention layers cost the most of any part, in proportion to the passage tokens they read;
        # ``passage_window`` keeps only those within that many tokens of some query token's match, which is
        # all of a one-sentence passage and a fraction of a long one, where the rest matches nothing queried.
        self.passage_window = passage_window
        self.head = nn.Sequential(nn.LayerNorm(width), nn.Linear(width, width), nn.GELU(), nn.Linear(width, 1))
        self.relevance_prior = relevance_prior
        self.restatement_gate = tuple(restatement_gate) if restatement_gate is not None else None
        self.pooled_relevance = relevance_prior and pooled_relevance
        self.conflict_floor = conflict_floor
        if relevance_prior:
            # P(match) = P(relevant) * P(no structural conflict): relevance is a monotone function of MaxSim
            # (plus w * pooled cosine, w >= 0), so among candidates with no structural problem the ranking
            # is that of the relevance term, and a handful of parameters cannot overfit it.
            self.prior_scale = nn.Parameter(torch.tensor(2.0))
            self.prior_shift = nn.Parameter(torch.tensor(0.8 if pooled_relevance else 0.5))
        if self.pooled_relevance:
            self.pooled_mix = nn.Parameter(torch.tensor(-0.43))  # softplus(-0.43) = 0.5

    def with_passage_layers(self, passage_layers: int) -> "AlignmentTransformer":
        """This model with ``passage_layers`` cross-attention layers added that start as the identity, so it scores
        exactly as before until training moves them: continuing it trains the new layers beside weights that already
        work. (Grown for five or twelve minutes, such readers did not reach one trained from the start for twenty on
        PAWS: BENCHMARKS.md, forty-ninth round.)"""
        if self.passage_layers is not None:
            raise ValueError("this model reads the passage already; continue it with --init alone.")
        grown = type(self)(**{**self.hparams, "passage_layers": passage_layers})
        missing, unexpected = grown.load_state_dict(self.state_dict(), strict=False)
        assert not unexpected and all(key.startswith(("passage_", "slot.")) for key in missing), (missing, unexpected)
        with torch.no_grad():
            grown.slot.weight.zero_()
            for layer in grown.passage_layers.layers:
                for residual in (layer.self_attn.out_proj, layer.multihead_attn.out_proj, layer.linear2):
                    residual.weight.zero_()
                    residual.bias.zero_()
        return grown

    @property
    def description_key(self) -> tuple:
        """Members whose keys are equal compute the same :meth:`describe`, so an ensemble computes it once."""
        return (self.context, self.order_features, self.identity_features, self.role_features, self.list_features)

    def forward(self, query, query_mask, passages, passage_mask, sim=None, ids=None, description: Description | None = None):
        """``description``: this pair batch's :meth:`describe`, when an ensemble shares it."""
        return self.combine(
            *self.relevance_and_structure(query, query_mask, passages, passage_mask, sim, ids, description=description)
        )

    def combine(self, relevance: torch.Tensor | None, structure: torch.Tensor, gate: torch.Tensor | None = None) -> torch.Tensor:
        """The logit of sigmoid(relevance) * sigmoid(structure) ** gate, computed in log space to stay finite.

        With ``conflict_floor`` the structure logit is clamped from below, so a detected conflict costs at
        most a fixed factor (sigmoid(floor)): a rejected near-miss still lands far below a clean match, but
        passages the structure part merely finds unfamiliar (an abstract discussing a claim in its own
        words) keep the order the relevance term gives them instead of being shuffled by how strongly the
        structure part dislikes each. Training sees the unclamped logit, so no pair loses its gradient.
        """
        if relevance is None:
            return structure
        if self.conflict_floor is not None and not self.training:
            structure = structure.clamp(min=self.conflict_floor)
        conflict = nn.functional.logsigmoid(structure)
        log_p = nn.functional.logsigmoid(relevance) + (conflict if gate is None else gate * conflict)
        log_p = log_p.clamp(max=-1e-6)
        return log_p - torch.log(-torch.expm1(log_p))

    def describe(
        self, query, query_mask, passages, passage_mask, sim=None, ids=None, *, alignment: Alignment | None = None
    ) -> Description:
        """The parameter-free per-token and whole-pair features this model's options ask for."""
        if alignment is None:
            alignment = align(query, query_mask, passages, passage_mask, sim, context=self.context)
        a = alignment
        best_at_f = a.best_at.float()
        features = torch.stack(
            [
                a.best,
                a.best - a.second,
                torch.tanh(a.step_prev / 3.0),
                torch.tanh(a.step_next / 3.0),
                (a.step_prev == 1).float(),
                (a.step_next == 1).float(),
                a.diag_prev,
                a.diag_next,
                a.mutual,
                a.positions / a.q_count,
                best_at_f / a.p_count,
                (best_at_f / a.p_count) - a.positions / a.q_count,
                *a.neighbour_cover,
                *(_inversions(a.best, best_at_f, a.mutual, query_mask) if self.order_features else ()),
                *(_identity(ids, a.best_at) if self.identity_features else ()),
                *(_roles(ids, a.best_at) if self.role_features else ()),
                *(self._list_order(ids, a.best, best_at_f, a.mutual, query_mask) if self.list_features else ()),
            ],
            dim=-1,
        )
        best_valid = a.best.masked_fill(~query_mask, 0.0)
        forward_steps = ((a.step_prev > 0) & query_mask).float().sum(-1, keepdim=True)
        p_cover = a.col_max.clamp(min=0).masked_fill(~passage_mask, 0.0).sum(-1, keepdim=True) / a.p_count
        pair = torch.cat(
            [
                best_valid.sum(-1, keepdim=True) / a.q_count,
                a.best.masked_fill(~query_mask, 1.0).min(-1, keepdim=True).values,
                forward_steps / a.q_count,
                p_cover,
                torch.log(a.q_count) / 5.0,
                torch.log(a.p_count) / 5.0,
            ],
            dim=-1,
        )
        return Description(alignment, features, pair)

    def relevance_and_structure(
        self, query, query_mask, passages, passage_mask, sim=None, ids=None, *, description: Description | None = None
    ) -> tuple[torch.Tensor | None, torch.Tensor, torch.Tensor | None]:
        """Relevance logit, structure logit and restatement gate; training supervises structure on its own too."""
        if description is None:
            description = self.describe(query, query_mask, passages, passage_mask, sim, ids)
        alignment, features, pair = description
        sim, best, best_at, step_prev, positions = (
            alignment.sim, alignment.best, alignment.best_at, alignment.step_prev, alignment.positions
        )
        batch = query.shape[0]
        neighbours = (self.neighbour_squeeze(alignment.gathered) * alignment.valid_neighbours).flatten(2)
        tokens = (
            self._project_query(query)
            + self.neighbour_proj(neighbours)
            + self.feature_proj(features)
            + self.position(positions.long().clamp(max=self.max_query_tokens - 1))
        )
        if self.substitution_proj is not None:
            matched = passages[torch.arange(batch)[:, None], best_at]
            tokens = tokens + self.substitution_proj(torch.cat([query - matched, query * matched], dim=-1))

        pair_seen = pair
        if self.training and self.pair_dropout:
            pair_seen = pair * (torch.rand(batch, 1, device=pair.device) >= self.pair_dropout).float()
        cls = self.cls.expand(batch, -1, -1) + self.pair_proj(pair_seen)[:, None, :]
        sequence = torch.cat([cls, tokens], dim=1)
        # A verifier call pads no query token (one query against every passage); without a mask the attention
        # takes the plain softmax, which costs a tenth of the masked one on a CPU.
        padding = (
            None
            if bool(query_mask.all())
            else torch.cat([torch.zeros(batch, 1, dtype=torch.bool, device=query.device), ~query_mask], dim=1)
        )
        if self.passage_layers is not None:
            sequence = sequence + torch.cat([torch.zeros_like(cls), self._slots(best_at)], dim=1)
        encoded = self.encoder(sequence, src_key_padding_mask=padding)
        if self.passage_layers is not None:
            window = self._memory_columns(best_at, query_mask, passage_mask)
            memory, memory_mask = self._passage_tokens(
                passages, passage_mask, sim, alignment.col_max, alignment.col_best, best_at, alignment.q_count, ids, window
            )
            encoded = self.passage_layers(
                encoded, memory, tgt_key_padding_mask=padding, memory_key_padding_mask=~memory_mask
            )
        structure = self.head(encoded[:, 0]).squeeze(-1)
        if not self.relevance_prior:
            return None, structure, None
        fused = pair[:, 0]  # MaxSim
        if self.pooled_relevance:
            pooled = nn.functional.cosine_similarity(
                (query * query_mask[..., None].float()).sum(1), (passages * passage_mask[..., None].float()).sum(1), dim=-1
            )
            fused = fused + nn.functional.softplus(self.pooled_mix) * pooled
        relevance = nn.functional.softplus(self.prior_scale) * 10.0 * (fused - self.prior_shift)
        return relevance, structure, self._restatement(best, step_prev, query_mask, alignment.q_count)

    def _project_query(self, query: torch.Tensor) -> torch.Tensor:
        """``token_proj`` of each query token, once per query when every row is a view of the same one (a
        verifier call expands one query over all its passages), instead of once per passage."""
        if query.shape[0] > 1 and query.stride(0) == 0:
            return self.token_proj(query[:1]).expand(query.shape[0], -1, -1)
        return self.token_proj(query)

    def _slots(self, positions: torch.Tensor) -> torch.Tensor:
        return self.slot(positions.clamp(max=self.max_passage_tokens - 1))

    def _memory_columns(self, best_at, query_mask, passage_mask) -> tuple[torch.Tensor, torch.Tensor] | None:
        """The passage positions the cross-attention layers read and which of them count, (B, K) each, K the
        most any row keeps: all of them without ``passage_window`` (None), else those near a query token's
        match, in passage order and first in their row."""
        if self.passage_window is None:
            return None
        near = torch.zeros(passage_mask.shape, device=passage_mask.device)
        near.scatter_add_(1, best_at.masked_fill(~query_mask, 0), query_mask.float())
        span = 2 * self.passage_window + 1
        near = nn.functional.max_pool1d(near[:, None], span, stride=1, padding=self.passage_window)[:, 0] > 0
        keep = near & passage_mask
        order = torch.sort((~keep).to(torch.uint8), dim=1, stable=True).indices
        columns = order[:, : max(int(keep.sum(1).max()), 1)]
        return columns, keep.gather(1, columns)

    def _passage_tokens(self, passages, passage_mask, sim, col_max, col_best, best_at, q_count, ids, window=None):
        """Each passage token as the cross-attention layers see it, with its mask: its embedding, its slot, and
        how the query covers it: how well, how clearly, whether mutually, whether its predecessor's best query
        token is the one just before its own (a phrase kept in order), where in the query its best match sits,
        and with token ids whether that match is the same word piece. ``window``: :meth:`_memory_columns`."""
        p_len = passages.shape[1]
        index = torch.arange(p_len, device=passages.device)
        # The runner-up down each column: the maximum once the best row is masked, a third of the time of
        # ``topk`` along a middle axis.
        col_second = sim.scatter(1, col_best[:, None, :], NEG_INF).max(dim=1).values if sim.shape[1] > 1 else col_max - 1.0
        col_second = torch.where(col_second > NEG_INF / 2, col_second, col_max - 1.0)
        covered = passage_mask & (col_max > NEG_INF / 2)
        col_max = torch.where(covered, col_max, torch.zeros_like(col_max))
        mutual = best_at.gather(1, col_best) == index[None]
        in_order = (col_best - shift(col_best, -1, -10)) == 1
        features = [
            col_max,
            torch.where(covered, col_max - col_second, torch.zeros_like(col_max)),
            mutual.float(),
            in_order.float(),
            col_best.float() / q_count,
        ]
        if self.uses_token_ids:
            query_ids, passage_ids = ids[0][..., 0], ids[1][..., 0]
            features.append((passage_ids == query_ids.gather(1, col_best)).float())
        features = torch.stack(features, dim=-1)
        positions = index[None].expand(len(passages), -1)
        if window is not None:
            positions, passage_mask = window
            passages = passages.gather(1, positions[..., None].expand(-1, -1, passages.shape[-1]))
            features = features.gather(1, positions[..., None].expand(-1, -1, features.shape[-1]))
        memory = self.passage_proj(passages) + self.passage_feature_proj(features) + self._slots(positions)
        return memory * passage_mask[..., None].float(), passage_mask

    @staticmethod
    def _list_order(ids, best, best_at, mutual, query_mask) -> tuple[torch.Tensor, ...]:
        """Whether each query token and its match are list items, and its inversions outside one list."""
        in_list, same_list = _list_pairs(ids, best_at.long())
        before, after = _inversions(best, best_at, mutual, query_mask, exempt=same_list)
        return in_list.float(), before, after

    def _restatement(self, best, step_prev, query_mask, q_count) -> torch.Tensor | None:
        """How much of the query the passage restates in order: the share of query tokens that match well
        (cosine > 0.5) right after their well-matched predecessor, ramped to [0, 1] between the gate's bounds."""
        if self.restatement_gate is None:
            return None
        low, high = self.restatement_gate
        strong = (best > 0.5) & query_mask
        in_order = strong & shift(strong, -1, False) & (step_prev == 1)
        share = in_order.float().sum(-1) / (q_count.squeeze(-1) - 1).clamp(min=1)
        share = torch.where(q_count.squeeze(-1) > 1, share, strong[:, 0].float())
        return ((share - low) / (high - low)).clamp(0.0, 1.0)
