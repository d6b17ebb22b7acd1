import { useEffect, useState } from 'react';

function windowAspect(): number {
  return window.innerHeight > 0 ? window.innerWidth / window.innerHeight : Number.NaN;
}

/** To the hundredth: a pixel's change in the window does not lay the ward out again. */
const rounded = (aspect: number) => Math.round(aspect * 100) / 100;

/**
 * An element's width over its height, followed as the window changes (a rotated tablet, a kiosk
 * entering full screen); the window's until the element is laid out. The ref goes on the element.
 */
export function useElementAspect(): [(element: HTMLElement | null) => void, number] {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [aspect, setAspect] = useState(() => rounded(windowAspect()));
  useEffect(() => {
    if (!element) return undefined;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      if (width > 0 && height > 0) setAspect(rounded(width / height));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') {
      window.addEventListener('resize', measure);
      return () => window.removeEventListener('resize', measure);
    }
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return [setElement, aspect];
}
