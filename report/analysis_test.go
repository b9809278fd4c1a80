package report

import (
	"context"
	"slices"
	"testing"
)

// The items that show the judged claims render after every other item and
// the judgement, whatever their place in items, and the gallery keeps the
// items' order.
func TestClaimsJudgedBeforeTheScorecard(t *testing.T) {
	b, _ := claimBuilder(t)
	b.ctx = context.Background()
	var order []string
	render := func(b *builder, it item) error {
		order = append(order, it.ID)
		if it.judged && b.an.Claims == nil {
			t.Errorf("%s renders before the claims are judged", it.ID)
		}
		b.gallery = append(b.gallery, galleryEntry{item: it})
		return nil
	}
	b.items = []item{{ID: "scorecard", render: render, judged: true}, {ID: "table3", render: render}, {ID: "fig7", render: render}}
	if err := b.renderItems(false); err != nil {
		t.Fatal(err)
	}
	b.an.Claims = judgeClaims(b.an, b.claims)
	if err := b.renderItems(true); err != nil {
		t.Fatal(err)
	}
	b.orderGallery()
	if want := []string{"table3", "fig7", "scorecard"}; !slices.Equal(order, want) {
		t.Errorf("rendered %v, want %v", order, want)
	}
	var gallery []string
	for _, g := range b.gallery {
		gallery = append(gallery, g.ID)
	}
	if want := []string{"scorecard", "table3", "fig7"}; !slices.Equal(gallery, want) {
		t.Errorf("gallery %v, want %v", gallery, want)
	}
}
